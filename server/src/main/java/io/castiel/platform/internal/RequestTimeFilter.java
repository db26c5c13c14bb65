package io.castiel.platform.internal;

import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.castiel.platform.RequestLoad;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sums the time requests spend in the filter chain ({@link RequestLoad}). A streamed answer (server-sent
 * events, a WebSocket upgrade) counts until its handler returns, not while it stays open, so an idle
 * live connection does not make the node look busy.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestTimeFilter extends OncePerRequestFilter implements RequestLoad {

    private final LongAdder busy = new LongAdder();

    @Override
    public long busyNanos() {
        return busy.sum();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            busy.add(System.nanoTime() - start);
        }
    }
}
