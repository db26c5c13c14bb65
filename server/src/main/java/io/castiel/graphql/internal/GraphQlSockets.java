package io.castiel.graphql.internal;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

import io.castiel.platform.BearerTokens;

/**
 * The open graphql-transport-ws connections of this node, by session id. Spring's
 * {@link WebSocketGraphQlInterceptor} sees a connection only as a {@link WebSocketSessionInfo},
 * which cannot be closed; {@link SocketAuthentication} closes a connection whose credential was
 * revoked through this registry. A connection's revocation watch, kept in its attributes, is
 * cancelled when it ends.
 */
@Component
class GraphQlSockets {

    static final String REVOCATION_WATCH = "castiel.revocationWatch";
    private static final Logger log = LoggerFactory.getLogger(GraphQlSockets.class);

    private final Map<String, WebSocketSession> open = new ConcurrentHashMap<>();

    void opened(WebSocketSession session) {
        open.put(session.getId(), session);
    }

    void closed(WebSocketSession session) {
        open.remove(session.getId());
        if (session.getAttributes().get(REVOCATION_WATCH) instanceof BearerTokens.Watch watch) {
            watch.cancel();
        }
    }

    boolean isOpen(String sessionId) {
        return open.containsKey(sessionId);
    }

    void close(String sessionId, CloseStatus status) {
        WebSocketSession session = open.get(sessionId);
        if (session == null) {
            return;
        }
        try {
            session.close(status);
        } catch (IOException e) {
            log.debug("Closing GraphQL socket {} failed", sessionId, e);
        }
    }
}
