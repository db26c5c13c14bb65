package io.castiel.graphql.internal;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiKeyAuthenticator;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Authentication of a graphql-transport-ws connection: a browser cannot set headers on a
 * WebSocket, so the token travels in {@code connection_init}'s payload as
 * {@code {"Authorization": "Bearer <token>"}} (or {@code {"token": "<token>"}}), checked like a
 * bearer token (access token or API key). A connection without a valid one is closed (4401,
 * as the protocol's "Unauthorized"); an access token's expiry ends the connection's operations
 * from then on. Each operation then runs as that actor, so the services see it as they would
 * on {@code POST /graphql}.
 */
@Component
class SocketAuthentication implements WebSocketGraphQlInterceptor {

    static final String ACTOR = "castiel.actor";
    private static final String EXPIRES = "castiel.expires";

    private final JwtDecoder jwtDecoder;
    private final ApiKeyAuthenticator apiKeys;
    private final Clock clock;

    SocketAuthentication(JwtDecoder jwtDecoder, ApiKeyAuthenticator apiKeys, Clock clock) {
        this.jwtDecoder = jwtDecoder;
        this.apiKeys = apiKeys;
        this.clock = clock;
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        String token = token(payload);
        Optional<Actor> actor = Optional.empty();
        if (token != null && token.startsWith(ApiKeyAuthenticator.PREFIX)) {
            actor = apiKeys.authenticate(token);
        } else if (token != null) {
            try {
                Jwt jwt = jwtDecoder.decode(token);
                actor = Optional.of(ActorContext.fromJwt(jwt));
                if (jwt.getExpiresAt() != null) {
                    session.getAttributes().put(EXPIRES, jwt.getExpiresAt());
                }
            } catch (JwtException | IllegalArgumentException e) {
                actor = Optional.empty();
            }
        }
        if (actor.isEmpty()) {
            return Mono.error(new IllegalStateException("connection_init needs a valid token: {\"Authorization\": \"Bearer <token>\"}"));
        }
        session.getAttributes().put(ACTOR, actor.get());
        return Mono.empty();
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, WebGraphQlInterceptor.Chain chain) {
        if (!(request instanceof WebSocketGraphQlRequest socketRequest)) {
            return chain.next(request);
        }
        Map<String, Object> attributes = socketRequest.getSessionInfo().getAttributes();
        Actor actor = (Actor) attributes.get(ACTOR);
        java.time.Instant expires = (java.time.Instant) attributes.get(EXPIRES);
        if (actor == null || expires != null && !expires.isAfter(clock.instant())) {
            return Mono.error(new IllegalStateException("The connection's token expired; reconnect with a fresh one"));
        }
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(ACTOR, actor)).build());
        // The services read the actor from the security context, which Spring for GraphQL restores
        // from the Reactor context around each data fetcher.
        SecurityContext security = new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(actor, null,
                actor.roles().stream().map(r -> new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_" + r.wireName()))
                        .toList()));
        return chain.next(request).contextWrite(Context.of(SecurityContext.class.getName(), security));
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
