package io.castiel.webapp.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import io.castiel.platform.ApiPaths;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The built app on the classpath (or in {@code castiel.web.dir}), and which requests are page loads that it answers with
 * {@code index.html}. Whether it was built is decided once: the jar does not change while it runs.
 */
@Component
class WebApp {

    /** Paths the server owns: an unknown one is a 404 of its own kind, never the app. */
    private static final List<String> SERVER_PREFIXES = List.of("/api", ApiPaths.ROOT_GRAPHQL, "/graphiql", "/ws", "/actuator",
            "/.well-known", "/swagger-ui", "/v3/api-docs", "/webjars", "/error", "/assets");

    static final String NOT_BUILT = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Castiel</title></head>
            <body><h1>The web app was not built</h1>
            <p>This server was built without its web app (for example with <code>-Dskip.web=true</code>).
            The API is at <a href="/api/v1/openapi.json">/api/v1</a> (<a href="/swagger-ui.html">Swagger UI</a>).</p>
            <p>Build the app into the jar with <code>mvn -B package</code> from the repository root (needs Node.js),
            or run it from <code>web/</code> with its development server.</p>
            </body></html>
            """;

    private final String location;
    private final Resource index;
    private final boolean built;

    @Autowired
    WebApp(WebAppProperties properties, ResourceLoader resources) {
        this(properties.location(), resources.getResource(properties.location() + "index.html"));
    }

    WebApp(String location, Resource index) {
        this.location = location;
        this.index = index;
        this.built = index.isReadable();
    }

    /** Where the app's files are: {@code classpath:/webapp/}, or {@code castiel.web.dir}. */
    String location() {
        return location;
    }

    boolean built() {
        return built;
    }

    Resource index() {
        return index;
    }

    byte[] notBuiltPage() {
        return NOT_BUILT.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A browser loading a page: GET or HEAD, accepting HTML, of a path the server does not own whose
     * last segment has no dot (a missing {@code /logo.png} stays a 404 rather than an HTML page,
     * the rule of connect-history-api-fallback).
     */
    boolean isPageLoad(HttpServletRequest request) {
        if (!HttpMethod.GET.matches(request.getMethod()) && !HttpMethod.HEAD.matches(request.getMethod())) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // /health too, and /healthz and the like: probes must never get a 200 page by mistake.
        if (path.startsWith("/health") || SERVER_PREFIXES.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"))) {
            return false;
        }
        if (path.substring(path.lastIndexOf('/') + 1).contains(".")) {
            return false;
        }
        return acceptsHtml(request.getHeader("Accept"));
    }

    /**
     * Only an explicit text/html, as every browser sends when it navigates: a script, curl or API
     * client asking for anything ({@code *}{@code /*}, or no Accept) at an unknown path keeps getting
     * the 404 problem it always got.
     */
    static boolean acceptsHtml(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> MediaType.TEXT_HTML.equalsTypeAndSubtype(type) && type.getQualityValue() > 0);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
