package io.castiel.realtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;

import io.castiel.platform.EventMessage;
import io.castiel.platform.Role;
import io.castiel.platform.TenantContext;
import io.castiel.shard.Shard;
import io.castiel.shard.ShardAccess;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands each committed event to the sockets of its tenant on this node that subscribed to it and
 * may see it, and each message for one user (a notification) to that user's sockets. One dispatch thread with a bounded backlog does this, so the thread that committed
 * never waits; each socket then only gets the message queued (see {@link ClientSocket}). Who may
 * see what:
 * <ul>
 * <li>shard events: actors that may read the shard as the event carries it ({@link ShardAccess});</li>
 * <li>relationship events: actors that may read both ends as they are now;</li>
 * <li>shard type and user events: every member of the tenant (both lists are readable by every role);</li>
 * <li>anything else: admins and owners.</li>
 * </ul>
 */
@Component
class EventDelivery implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EventDelivery.class);

    private final Sockets sockets;
    private final SocketWatches watches;
    private final LiveFeeds feeds;
    private final RealtimeHandler handler;
    private final ShardAccess access;
    private final TenantContext tenants;
    private final JsonMapper json;
    private final RealtimeProperties properties;
    private final ThreadPoolExecutor dispatcher;
    private final Counter dropped;

    EventDelivery(Sockets sockets, SocketWatches watches, LiveFeeds feeds, RealtimeHandler handler, ShardAccess access, TenantContext tenants, JsonMapper json,
            RealtimeProperties properties, MeterRegistry meters) {
        this.sockets = sockets;
        this.watches = watches;
        this.feeds = feeds;
        this.handler = handler;
        this.access = access;
        this.tenants = tenants;
        this.json = json;
        this.properties = properties;
        this.dropped = Counter.builder("castiel.realtime.events_dropped")
                .description("Events not delivered to WebSockets because the dispatch backlog was full").register(meters);
        this.dispatcher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), r -> {
            Thread thread = new Thread(r, "ws-dispatch");
            thread.setDaemon(true);
            return thread;
        }, (task, executor) -> dropped.increment());
    }

    /** Queues the event for this node's sockets and feeds; never blocks (real time is best effort). */
    void deliver(EventMessage event) {
        dispatcher.execute(() -> {
            try {
                fanOut(event);
            } catch (RuntimeException e) {
                log.warn("Delivering event {} ({}) to WebSockets failed", event.id(), event.type(), e);
            }
        });
    }

    /** Queues the message for the user's sockets on this node (as {@link #deliver}: never blocks). */
    void push(UserPush push) {
        dispatcher.execute(() -> {
            try {
                TextMessage message = null;
                for (ClientSocket socket : sockets.ofTenant(push.tenantId())) {
                    if (!socket.isClosed() && socket.authenticated() && push.userId().equals(socket.actor.userId())) {
                        if (message == null) {
                            message = new TextMessage(json.writeValueAsBytes(push.message()));
                        }
                        handler.send(socket, message);
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Pushing {} to the WebSockets of user {} failed", push.message().path("type").asString(), push.userId(), e);
            }
        });
    }

    private void fanOut(EventMessage event) {
        List<ClientSocket> watching = new ArrayList<>();
        for (ClientSocket socket : sockets.ofTenant(event.tenantId())) {
            if (!socket.isClosed() && socket.authenticated() && !socket.watches.isEmpty()) {
                watching.add(socket);
            }
        }
        if (!watching.isEmpty()) {
            watches.onEvent(event, watching, this::mayRead);
        }
        List<Recipient> candidates = new ArrayList<>();
        for (ClientSocket socket : sockets.ofTenant(event.tenantId())) {
            if (!socket.isClosed() && socket.authenticated() && socket.wantsType(event.type())) {
                candidates.add(socket);
            }
        }
        for (LiveFeeds.Feed feed : feeds.ofTenant(event.tenantId())) {
            if (!feed.isClosed() && feed.wantsType(event.type())) {
                candidates.add(feed);
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        List<Recipient> recipients;
        if (event.type().startsWith("shard.")) {
            recipients = shardRecipients(event, candidates);
        } else if (event.type().startsWith("relationship.")) {
            recipients = relationshipRecipients(event, candidates);
        } else {
            List<String> concerned = event.type().startsWith("shardtype.") && event.data() != null && event.data().hasNonNull("name")
                    ? List.of(event.data().get("name").asString()) : List.of();
            boolean everyone = event.type().startsWith("shardtype.") || event.type().startsWith("user.");
            recipients = candidates.stream().filter(s -> everyone || s.actor.has(Role.ADMIN))
                    .filter(s -> s.wants(event.type(), concerned)).toList();
        }
        if (recipients.isEmpty()) {
            return;
        }
        TextMessage message = null;
        for (Recipient recipient : recipients) {
            if (recipient instanceof ClientSocket socket) {
                if (message == null) {
                    // Encoded once: every socket sends these bytes as they are (and counts them without encoding again).
                    message = new TextMessage(json.writeValueAsBytes(Map.of("type", "event", "event", event)));
                }
                handler.send(socket, message);
            } else if (recipient instanceof LiveFeeds.Feed feed) {
                feed.receive(event);
            }
        }
    }

    /** The shard is read from the event only when a restricted recipient needs its permissions checked. */
    private List<Recipient> shardRecipients(EventMessage event, List<Recipient> candidates) {
        List<String> shardType = List.of(event.data() == null ? "" : event.data().path("shardType").asString(""));
        List<Recipient> wanting = candidates.stream().filter(s -> s.wants(event.type(), shardType)).toList();
        List<Recipient> restricted = wanting.stream().filter(s -> !s.actor.has(Role.ADMIN)).toList();
        if (restricted.isEmpty()) {
            return wanting;
        }
        List<Recipient> stale = restricted.stream().filter(this::rulesExpired).toList();
        if (!stale.isEmpty()) {
            tenants.inTenant(event.tenantId(), () -> {
                stale.forEach(this::loadRules);
                return null;
            });
        }
        Shard shard = json.treeToValue(event.data(), Shard.class);
        return wanting.stream().filter(s -> {
            Recipient.CachedRules cached = s.rules;
            return s.actor.has(Role.ADMIN) || cached != null && cached.rules().canRead(shard);
        }).toList();
    }

    /** Reads both ends once per socket that needs them: restricted actors, and subscriptions filtered by shard type. */
    private List<Recipient> relationshipRecipients(EventMessage event, List<Recipient> candidates) {
        UUID source = uuid(event, "sourceId");
        UUID target = uuid(event, "targetId");
        if (source == null || target == null) {
            return List.of();
        }
        List<Recipient> recipients = new ArrayList<>();
        List<Recipient> checked = new ArrayList<>();
        for (Recipient socket : candidates) {
            if (socket.actor.has(Role.ADMIN) && !socket.filtersShardTypes(event.type())) {
                recipients.add(socket);
            } else {
                checked.add(socket);
            }
        }
        if (!checked.isEmpty()) {
            tenants.inTenant(event.tenantId(), () -> {
                for (Recipient socket : checked) {
                    ShardAccess.Rules rules = rulesExpired(socket) ? loadRules(socket) : socket.rules.rules();
                    Optional<Shard> from = access.readable(rules, source);
                    Optional<Shard> to = from.isEmpty() ? Optional.empty() : access.readable(rules, target);
                    if (from.isPresent() && to.isPresent()
                            && socket.wants(event.type(), List.of(from.get().shardType(), to.get().shardType()))) {
                        recipients.add(socket);
                    }
                }
                return null;
            });
        }
        return recipients;
    }

    /**
     * Whether the socket's user may read the shard a shard event is about (so a watch is not told
     * of a change it could not see); other events concern no single shard.
     */
    private boolean mayRead(ClientSocket socket, EventMessage event) {
        if (!event.type().startsWith("shard.") || event.data() == null || socket.actor.has(Role.ADMIN)) {
            return true;
        }
        ShardAccess.Rules rules = rulesExpired(socket)
                ? tenants.inTenant(event.tenantId(), () -> loadRules(socket)) : socket.rules.rules();
        return rules.canRead(json.treeToValue(event.data(), Shard.class));
    }

    /** By default (ttl 0) on every event, so a type permission change applies to the next event as it does to the next request. */
    private boolean rulesExpired(Recipient socket) {
        Recipient.CachedRules cached = socket.rules;
        long ttl = properties.permissionsTtl().toNanos();
        return cached == null || ttl <= 0 || System.nanoTime() - cached.loadedAtNanos() > ttl;
    }

    private ShardAccess.Rules loadRules(Recipient socket) {
        ShardAccess.Rules rules = access.rules(socket.actor);
        socket.rules = new Recipient.CachedRules(rules, System.nanoTime());
        return rules;
    }

    private static UUID uuid(EventMessage event, String field) {
        try {
            return event.data() != null && event.data().hasNonNull(field) ? UUID.fromString(event.data().get(field).asString()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void destroy() {
        dispatcher.shutdownNow();
    }
}
