package io.castiel.platform.internal;

import org.springframework.security.web.header.HeaderWriter;

import io.castiel.platform.ApiPaths;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Two Content-Security-Policies. API answers (JSON, never rendered) get one that allows nothing.
 * Pages (Swagger UI, the web app at {@code /}) may load their own scripts, styles and images from
 * this origin only; inline styles are allowed because Swagger UI sets them, inline scripts are not.
 * Neither may be framed, and forms may only post back here.
 */
final class ContentSecurityPolicy implements HeaderWriter {

    static final String API = "default-src 'none'; frame-ancestors 'none'";
    static final String PAGES = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        if (!response.containsHeader("Content-Security-Policy")) {
            response.setHeader("Content-Security-Policy", isApi(request.getRequestURI()) ? API : PAGES);
        }
    }

    static boolean isApi(String path) {
        return path.startsWith("/api/") || path.equals(ApiPaths.ROOT_GRAPHQL) || path.startsWith("/actuator") || path.equals("/health")
                || path.startsWith("/.well-known/");
    }
}
