package io.castiel.graphql.internal;

import java.time.Duration;

import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * Spring for GraphQL's graphql-transport-ws handler, which also keeps {@link GraphQlSockets} up
 * to date, so that a connection can be closed from outside the protocol (its credential revoked).
 */
class GraphQlSocketHandler extends GraphQlWebSocketHandler {

    private final GraphQlSockets sockets;

    GraphQlSocketHandler(WebGraphQlHandler handler, HttpMessageConverter<Object> json, Duration initTimeout, Duration keepAlive,
            CorsConfiguration cors, GraphQlSockets sockets) {
        super(handler, json, initTimeout, keepAlive, cors);
        this.sockets = sockets;
    }

    GraphQlSocketHandler(WebGraphQlHandler handler, HttpMessageConverter<Object> json, Duration initTimeout, Duration keepAlive,
            GraphQlSockets sockets) {
        super(handler, json, initTimeout, keepAlive);
        this.sockets = sockets;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        sockets.opened(session);
        super.afterConnectionEstablished(session);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        try {
            super.afterConnectionClosed(session, status);
        } finally {
            sockets.closed(session);
        }
    }
}
