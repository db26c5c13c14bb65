package io.castiel.realtime.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * WebSocket handshakes ({@code /ws} and GraphQL's graphql-transport-ws) negotiate no
 * permessage-deflate unless {@code castiel.realtime.compression} is on: our events are small JSON
 * messages, for which deflate saves little on the wire and costs the server CPU for every message
 * to every socket (and a compressor's memory per socket).
 *
 * <p>The offer is hidden from the handshake rather than declined in Spring's handshake handler
 * because Tomcat negotiates extensions itself, from the request's {@code Sec-WebSocket-Extensions},
 * whatever the handler selected; a client that offers nothing gets nothing, in any container.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class UncompressedWebSockets extends OncePerRequestFilter {

    private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

    private final boolean compression;

    UncompressedWebSockets(RealtimeProperties properties) {
        this.compression = properties.compression();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return compression || request.getHeader(EXTENSIONS) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                        .filter(name -> !EXTENSIONS.equalsIgnoreCase(name)).toList());
            }
        }, response);
    }
}
