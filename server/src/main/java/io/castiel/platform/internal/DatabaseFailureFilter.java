package io.castiel.platform.internal;

import java.io.IOException;
import java.util.Optional;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The database failures of filters, which run before Spring MVC and its {@link ProblemHandling}:
 * authentication looks API keys and session revocations up in the database. Caught here, around
 * the security chain, they get the same 503 problem with {@code Retry-After} as in a controller,
 * where they would otherwise reach the container as a 500 with a stack trace in its log.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseFailureFilter extends OncePerRequestFilter {

    private final DatabaseFailures failures;
    private final ProblemWriter problems;

    DatabaseFailureFilter(DatabaseFailures failures, ProblemWriter problems) {
        this.failures = failures;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (response.isCommitted()) {
                throw e;
            }
            Optional<DatabaseFailures.Failure> failure = failures.recognise(e, "filter");
            if (failure.isEmpty()) {
                throw e;
            }
            problems.write(response, failure.get());
        }
    }
}
