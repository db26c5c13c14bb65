package io.castiel.platform.ratelimit;

import java.io.IOException;
import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies {@link RateLimits} to every API request ({@link ApiPaths}) and reports the bucket on every
 * answer ({@code RateLimit-Limit}, {@code RateLimit-Remaining}, {@code RateLimit-Reset} in
 * seconds until the bucket is full); a refusal is a 429 problem with {@code Retry-After}. It sits
 * in the security chain after the authentication filters, so the caller is known. Not a bean:
 * a Filter bean would also be registered outside the security chain.
 */
public final class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimits limits;
    private final ActorContext actors;
    private final JsonMapper json;
    private final boolean enabled;

    RateLimitFilter(RateLimits limits, ActorContext actors, JsonMapper json, boolean enabled) {
        this.limits = limits;
        this.actors = actors;
        this.json = json;
        this.enabled = enabled;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !enabled || !ApiPaths.isApi(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RateLimits.Decision decision = limits.check(request, actors.find());
        response.setHeader("RateLimit-Limit", Long.toString(decision.limit()));
        response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
        response.setHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (decision.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Rate limit of " + decision.limit() + " requests per minute exceeded; retry after " + decision.retryAfterSeconds() + " s");
        problem.setTitle("Too many requests");
        problem.setType(URI.create("https://castiel.dev/problems/429"));
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
