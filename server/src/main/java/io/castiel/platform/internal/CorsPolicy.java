package io.castiel.platform.internal;

import java.io.IOException;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Cross-origin access from the configured allow-list only ({@link CorsProperties}). Tokens travel
 * in the Authorization header, never in cookies, so credentials are not allowed; the headers a
 * client needs to read (ETag, Location, rate limits) are exposed. A request from another origin
 * is refused with a 403 problem and no CORS headers.
 */
@Component
class CorsPolicy {

    // Never X-Castiel-CSRF: that a cross-origin request cannot send it is what protects the refresh cookie.
    static final List<String> ALLOWED_HEADERS = List.of("Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key");
    static final List<String> EXPOSED_HEADERS = List.of("ETag", "Location", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset",
            "Retry-After");

    private final CorsFilter filter;

    CorsPolicy(CorsProperties properties, ProblemWriter problems) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(properties.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        configuration.setAllowedHeaders(ALLOWED_HEADERS);
        configuration.setExposedHeaders(EXPOSED_HEADERS);
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(properties.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration);
        this.filter = new CorsFilter(source);
        this.filter.setCorsProcessor(new DefaultCorsProcessor() {
            @Override
            protected void rejectRequest(ServerHttpResponse response) throws IOException {
                if (response instanceof ServletServerHttpResponse servlet) {
                    problems.write(servlet.getServletResponse(), HttpStatus.FORBIDDEN, "Forbidden",
                            "Cross-origin requests from this origin are not allowed");
                } else {
                    super.rejectRequest(response);
                }
            }
        });
    }

    /** Not a bean: a Filter bean would also run outside the security chain. */
    CorsFilter filter() {
        return filter;
    }
}
