package io.castiel.realtime.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import io.castiel.platform.Actor;
import io.castiel.platform.BearerAuthentication;
import io.castiel.platform.BearerTokens;
import io.castiel.platform.Role;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code /ws} protocol (see README "Real time"). The first message must be
 * {@code {"type":"auth","token":...}} with an access token or an API key, within the auth timeout;
 * anything else closes the socket (1008). Then the client subscribes and unsubscribes; events
 * arrive through {@link EventDelivery}. An access token's expiry ends the socket
 * ({@code token_expired}, then 1008) unless the client sent a fresh token of the same user before.
 * A revoked session or API key ends it ({@code revoked}, then 1008): at its next request, or within
 * {@code castiel.security.revocation-check-interval} when it sends none. Tokens are checked by the
 * platform's {@link BearerTokens}, as REST requests and the GraphQL socket are.
 */
@Component
class RealtimeHandler extends TextWebSocketHandler implements DisposableBean {

    static final CloseStatus SLOW_CONSUMER = new CloseStatus(1013, "slow consumer");
    private static final Logger log = LoggerFactory.getLogger(RealtimeHandler.class);
    private static final Pattern EVENT_PATTERN = Subscription.EVENT_PATTERN;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final RealtimeProperties properties;
    private final Sockets sockets;
    private final SocketWatches watches;
    private final BearerTokens tokens;
    private final JsonMapper json;
    private final Clock clock;
    private final SimpleAsyncTaskExecutor sender = new SimpleAsyncTaskExecutor("ws-send-");
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ws-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong subscriptionIds = new AtomicLong();
    private final Counter slowConsumers;

    RealtimeHandler(RealtimeProperties properties, Sockets sockets, SocketWatches watches, BearerTokens tokens, JsonMapper json, Clock clock,
            MeterRegistry meters) {
        this.properties = properties;
        this.sockets = sockets;
        this.watches = watches;
        this.tokens = tokens;
        this.json = json;
        this.clock = clock;
        // Blocked writes to slow clients each hold a thread: virtual ones where the JDK has them.
        this.sender.setVirtualThreads(Runtime.version().feature() >= 21);
        this.slowConsumers = Counter.builder("castiel.realtime.slow_consumers")
                .description("WebSocket clients closed because they did not read their messages fast enough").register(meters);
        long ping = properties.pingInterval().toMillis();
        timer.scheduleAtFixedRate(this::heartbeat, ping, ping, TimeUnit.MILLISECONDS);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof jakarta.websocket.Session container) {
            // Tomcat then fails a write blocked this long (a client that stopped reading) instead of waiting 20 s.
            container.getUserProperties().put(BLOCKING_SEND_TIMEOUT, properties.sendTimeout().toMillis());
        }
        ClientSocket socket = new ClientSocket(session, sender, timer, properties.flushDelay().toNanos(), properties.maxQueuedMessages(),
                properties.maxQueuedBytes().toBytes(), properties.sendTimeout().toNanos());
        sockets.opened(socket);
        timer.schedule(() -> {
            if (!socket.authenticated()) {
                socket.abort(new CloseStatus(CloseStatus.POLICY_VIOLATION.getCode(), "no auth message within "
                        + properties.authTimeout().toSeconds() + " s"));
            }
        }, properties.authTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        ClientSocket socket = sockets.find(session.getId());
        if (socket != null) {
            socket.closed();
            sockets.remove(socket);
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        ClientSocket socket = sockets.find(session.getId());
        if (socket != null) {
            socket.lastSeenNanos = System.nanoTime();
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        ClientSocket socket = sockets.find(session.getId());
        if (socket == null || socket.isClosed()) {
            return;
        }
        socket.lastSeenNanos = System.nanoTime();
        JsonNode request;
        try {
            request = json.readTree(message.getPayload());
        } catch (JacksonException e) {
            request = null;
        }
        String type = request != null && request.isObject() ? request.path("type").asString("") : "";
        if (!socket.authenticated()) {
            if (!type.equals("auth")) {
                socket.abort(new CloseStatus(CloseStatus.POLICY_VIOLATION.getCode(), "the first message must be {\"type\":\"auth\",\"token\":...}"));
                return;
            }
            authenticate(socket, request);
            return;
        }
        // Revoked here at once, before the revocation watch gets to the socket: nothing more is served.
        if (tokens.isRevoked(socket.bearer)) {
            revoked(socket);
            return;
        }
        switch (type) {
            case "auth" -> authenticate(socket, request);
            case "subscribe" -> subscribe(socket, request);
            case "unsubscribe" -> unsubscribe(socket, request);
            case "watch" -> watches.watch(socket, request, this::send);
            case "unwatch" -> watches.unwatch(socket, request, this::send);
            case "ping" -> send(socket, object("pong"));
            default -> error(socket, "bad_request", "Unknown message type; expected auth, subscribe, unsubscribe, watch, unwatch or ping");
        }
    }

    /** First authentication, or a fresh token of the same user and tenant before the current one expires. */
    private void authenticate(ClientSocket socket, JsonNode request) {
        BearerAuthentication bearer = tokens.authenticate(request.path("token").asString("")).orElse(null);
        if (bearer == null || bearer.expiredAt(clock.instant())) {
            socket.abort(new CloseStatus(CloseStatus.POLICY_VIOLATION.getCode(), "invalid or expired token"));
            return;
        }
        Actor actor = bearer.actor();
        Instant expiresAt = bearer.expiresAt();
        Actor current = socket.actor;
        if (current != null && (!current.userId().equals(actor.userId()) || !current.tenantId().equals(actor.tenantId()))) {
            error(socket, "auth_mismatch", "A socket stays with the user and tenant it authenticated as");
            socket.closeAfterPending(new CloseStatus(CloseStatus.POLICY_VIOLATION.getCode(), "another user's token"));
            return;
        }
        socket.actor = actor;
        socket.bearer = bearer;
        socket.expiresAt = expiresAt;
        socket.rules = null;
        socket.cancelExpiry();
        socket.cancelRevocationWatch();
        socket.revocationWatch = tokens.watch(bearer, () -> revoked(socket));
        if (socket.isClosed()) {
            // Closed while authenticating: the watch would outlive the socket.
            socket.cancelRevocationWatch();
        }
        if (expiresAt != null) {
            scheduleExpiry(socket, expiresAt);
        }
        if (current == null) {
            sockets.authenticated(socket);
        }
        ObjectNode ready = object("ready").put("userId", actor.userId().toString()).put("tenantId", actor.tenantId().toString());
        ArrayNode roles = ready.putArray("roles");
        actor.roles().stream().map(Role::wireName).sorted().forEach(roles::add);
        if (expiresAt != null) {
            ready.put("expiresAt", expiresAt.toString());
        }
        send(socket, ready);
    }

    private void scheduleExpiry(ClientSocket socket, Instant expiresAt) {
        // Rounded up: a timer that fires a fraction of a millisecond early would find the token still valid.
        long delay = Math.max(0, Duration.between(clock.instant(), expiresAt).toMillis() + 1);
        socket.expiry = timer.schedule(() -> expire(socket, expiresAt), delay, TimeUnit.MILLISECONDS);
    }

    private void expire(ClientSocket socket, Instant scheduledFor) {
        Instant expiresAt = socket.expiresAt;
        if (expiresAt == null || !expiresAt.equals(scheduledFor) || socket.isClosed()) {
            return;
        }
        if (expiresAt.isAfter(clock.instant())) {
            scheduleExpiry(socket, expiresAt);
            return;
        }
        error(socket, "token_expired", "The access token expired; authenticate again with a fresh one before it expires");
        socket.closeAfterPending(new CloseStatus(CloseStatus.POLICY_VIOLATION.getCode(), "token expired"));
    }

    private void subscribe(ClientSocket socket, JsonNode request) {
        Optional<List<String>> events = strings(request, "events", EVENT_PATTERN, List.of("*"));
        Optional<List<String>> shardTypes = strings(request, "shardTypes", NAME, List.of());
        if (events.isEmpty() || shardTypes.isEmpty()) {
            error(socket, "bad_request", "events must be a list of event types or patterns (\"*\", \"shard.*\", \"shard.created\")"
                    + " and shardTypes a list of shard type names");
            return;
        }
        String id = request.path("id").asString("");
        if (id.isEmpty()) {
            id = "s" + subscriptionIds.incrementAndGet();
        } else if (!NAME.matcher(id).matches() || socket.subscriptions.stream().anyMatch(s -> s.id().equals(request.path("id").asString()))) {
            error(socket, "bad_request", "id must be 1 to 64 letters, digits or _.:- and not already used on this socket");
            return;
        }
        if (socket.subscriptions.size() >= properties.maxSubscriptions()) {
            error(socket, "too_many_subscriptions", "At most " + properties.maxSubscriptions() + " subscriptions per socket");
            return;
        }
        Subscription subscription = new Subscription(id, events.get(), new LinkedHashSet<>(shardTypes.get()));
        socket.subscriptions.add(subscription);
        ObjectNode answer = object("subscribed").put("id", id);
        subscription.events().forEach(answer.putArray("events")::add);
        subscription.shardTypes().forEach(answer.putArray("shardTypes")::add);
        send(socket, answer);
    }

    /** By id, by the same filters, or (neither given) all of the socket's subscriptions. */
    private void unsubscribe(ClientSocket socket, JsonNode request) {
        List<Subscription> removed = new ArrayList<>();
        if (request.has("id")) {
            String id = request.path("id").asString("");
            socket.subscriptions.stream().filter(s -> s.id().equals(id)).forEach(removed::add);
        } else if (request.has("events") || request.has("shardTypes")) {
            Optional<List<String>> events = strings(request, "events", EVENT_PATTERN, List.of("*"));
            Optional<List<String>> shardTypes = strings(request, "shardTypes", NAME, List.of());
            if (events.isEmpty() || shardTypes.isEmpty()) {
                error(socket, "bad_request", "events and shardTypes must be lists of strings, as in subscribe");
                return;
            }
            Set<String> types = Set.copyOf(shardTypes.get());
            socket.subscriptions.stream().filter(s -> s.sameFilters(events.get(), types)).forEach(removed::add);
        } else {
            removed.addAll(socket.subscriptions);
        }
        socket.subscriptions.removeAll(removed);
        ObjectNode answer = object("unsubscribed");
        ArrayNode ids = answer.putArray("ids");
        removed.forEach(s -> ids.add(s.id()));
        send(socket, answer);
    }

    /** Absent: the default; otherwise a non-empty array of up to 50 strings matching {@code pattern}; empty Optional when invalid. */
    private static Optional<List<String>> strings(JsonNode request, String field, Pattern pattern, List<String> absent) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return Optional.of(absent);
        }
        if (!node.isArray() || node.size() > 50) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : node) {
            if (!value.isString() || !pattern.matcher(value.asString()).matches()) {
                return Optional.empty();
            }
            values.add(value.asString());
        }
        return values.isEmpty() && !absent.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(values));
    }

    /** Ends a socket whose session or API key was revoked: an error message, then the close. */
    private void revoked(ClientSocket socket) {
        error(socket, "revoked", "The session or API key of this socket was revoked");
        socket.closeAfterPending(new CloseStatus(CloseStatus.POLICY_VIOLATION.getCode(), "credentials revoked"));
    }

    /**
     * Every ping interval: drops clients that answered nothing since the previous ping or whose
     * writes are stuck; pings the others. (Revocations are the revocation watch's.)
     */
    private void heartbeat() {
        long now = System.nanoTime();
        long interval = properties.pingInterval().toNanos();
        for (ClientSocket socket : sockets.all()) {
            try {
                if (socket.isClosed()) {
                    sockets.remove(socket);
                } else if (socket.stuck()) {
                    dropSlow(socket);
                } else if (now - socket.lastSeenNanos > interval + interval / 2) {
                    socket.abort(new CloseStatus(CloseStatus.POLICY_VIOLATION.getCode(), "no answer to ping"));
                } else if (!socket.offer(new PingMessage())) {
                    dropSlow(socket);
                }
            } catch (RuntimeException e) {
                log.warn("WebSocket heartbeat of {} failed", socket.session.getId(), e);
            }
        }
    }

    /** Queues a message for the socket, dropping the client when it cannot keep up. */
    void send(ClientSocket socket, JsonNode message) {
        send(socket, new TextMessage(json.writeValueAsBytes(message)));
    }

    void send(ClientSocket socket, TextMessage message) {
        if (!socket.offer(message) && !socket.isClosed()) {
            dropSlow(socket);
        }
    }

    private void dropSlow(ClientSocket socket) {
        if (!socket.isClosed()) {
            slowConsumers.increment();
            log.info("Closing WebSocket {} of user {}: slow consumer", socket.session.getId(),
                    socket.actor != null ? socket.actor.userId() : null);
        }
        socket.abort(SLOW_CONSUMER);
        sockets.remove(socket);
    }

    private void error(ClientSocket socket, String code, String message) {
        send(socket, object("error").put("code", code).put("message", message));
    }

    private ObjectNode object(String type) {
        return json.createObjectNode().put("type", type);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        for (ClientSocket socket : sockets.all()) {
            socket.abort(CloseStatus.GOING_AWAY);
        }
    }
}
