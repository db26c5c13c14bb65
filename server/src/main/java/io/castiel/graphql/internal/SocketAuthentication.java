package io.castiel.graphql.internal;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import io.castiel.platform.ActorContext;
import io.castiel.platform.BearerAuthentication;
import io.castiel.platform.BearerTokens;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Authentication of a graphql-transport-ws connection: a browser cannot set headers on a
 * WebSocket, so the token travels in {@code connection_init}'s payload as
 * {@code {"Authorization": "Bearer <token>"}} (or {@code {"token": "<token>"}}), checked by the
 * platform's {@link BearerTokens} like any bearer token (access token or API key). A connection
 * without a valid one is closed (4401, as the protocol's "Unauthorized"). Each operation then runs
 * as that actor, so the services see it as they would on {@code POST /graphql}, unless the token
 * has expired or its session or key was revoked: the operation is then refused (UNAUTHENTICATED).
 * A revoked connection is also closed (4401) within the revocation check interval, as {@code /ws} is.
 */
@Component
class SocketAuthentication implements WebSocketGraphQlInterceptor {

    static final String ACTOR = "castiel.actor";
    static final CloseStatus REVOKED = new CloseStatus(4401, "Credentials revoked");
    private static final String BEARER = "castiel.bearer";

    private final BearerTokens tokens;
    private final GraphQlSockets sockets;
    private final Clock clock;

    SocketAuthentication(BearerTokens tokens, GraphQlSockets sockets, Clock clock) {
        this.tokens = tokens;
        this.sockets = sockets;
        this.clock = clock;
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        Optional<BearerAuthentication> bearer = tokens.authenticate(token(payload)).filter(b -> !b.expiredAt(clock.instant()));
        if (bearer.isEmpty()) {
            return Mono.error(new IllegalStateException("connection_init needs a valid token: {\"Authorization\": \"Bearer <token>\"}"));
        }
        Map<String, Object> attributes = session.getAttributes();
        attributes.put(BEARER, bearer.get());
        String id = session.getId();
        BearerTokens.Watch watch = tokens.watch(bearer.get(), () -> sockets.close(id, REVOKED));
        attributes.put(GraphQlSockets.REVOCATION_WATCH, watch);
        if (!sockets.isOpen(id)) {
            // Closed while authenticating: nothing else would cancel the watch.
            watch.cancel();
        }
        return Mono.empty();
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, WebGraphQlInterceptor.Chain chain) {
        if (!(request instanceof WebSocketGraphQlRequest socketRequest)) {
            return chain.next(request);
        }
        BearerAuthentication bearer = (BearerAuthentication) socketRequest.getSessionInfo().getAttributes().get(BEARER);
        if (bearer == null || bearer.expiredAt(clock.instant())) {
            return refused(request, "The connection's token expired; reconnect with a fresh one");
        }
        // Checked for every operation: a revocation on this node refuses the next one at once.
        if (tokens.isRevoked(bearer)) {
            return refused(request, "The session or API key of this connection was revoked");
        }
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(ACTOR, bearer.actor())).build());
        // The services read the actor from the security context, which Spring for GraphQL restores
        // from the Reactor context around each data fetcher.
        SecurityContext security = new SecurityContextImpl(ActorContext.authenticationOf(bearer));
        return chain.next(request).contextWrite(Context.of(SecurityContext.class.getName(), security));
    }

    /** The operation's answer is one error with the code a 401 has in GraphQL (see GraphQlErrors); nothing runs. */
    private static Mono<WebGraphQlResponse> refused(WebGraphQlRequest request, String message) {
        ExecutionResult result = ExecutionResult.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError().errorType(ErrorType.UNAUTHORIZED).message(message)
                        .extensions(Map.of("code", "UNAUTHENTICATED", "status", 401)).build())
                .build();
        return Mono.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result)));
    }

    private static String token(Map<String, Object> payload) {
        if (payload == null) {
            return null;
        }
        Object value = payload.get("Authorization");
        if (value == null) {
            value = payload.get("authorization");
        }
        if (value instanceof String header && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        return payload.get("token") instanceof String token ? token : null;
    }
}
