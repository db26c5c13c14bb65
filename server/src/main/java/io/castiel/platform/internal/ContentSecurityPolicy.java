package io.castiel.platform.internal;

import org.springframework.security.web.header.HeaderWriter;

import io.castiel.platform.ApiPaths;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Three Content-Security-Policies. API answers (JSON, never rendered) get one that allows nothing.
 * The web app and every other page may load scripts, styles, fonts and images from this origin
 * only, with no inline script or style and no eval; {@code connect-src 'self'} also covers the
 * same-origin {@code /ws} socket (CSP Level 3: Chromium since 71, Firefox, Safari since 16). Swagger
 * UI sets inline styles, so its pages also allow those. None may be framed; forms post back here.
 */
final class ContentSecurityPolicy implements HeaderWriter {

    static final String API = "default-src 'none'; frame-ancestors 'none'";
    static final String PAGES = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
    static final String SWAGGER_UI = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        if (!response.containsHeader("Content-Security-Policy")) {
            String path = request.getRequestURI();
            response.setHeader("Content-Security-Policy", isApi(path) ? API : path.startsWith("/swagger-ui") ? SWAGGER_UI : PAGES);
        }
    }

    static boolean isApi(String path) {
        return path.startsWith("/api/") || path.equals(ApiPaths.ROOT_GRAPHQL) || path.startsWith("/actuator") || path.equals("/health")
                || path.startsWith("/.well-known/");
    }
}
