package io.castiel.realtime.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.castiel.platform.Actor;
import io.castiel.platform.ApiException;
import io.castiel.platform.EventMessage;
import io.castiel.realtime.LiveEvents;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * {@link LiveEvents}: each subscriber is a {@link Feed}, registered by tenant beside the sockets,
 * and {@link EventDelivery} hands it the events it may see as it does for a socket. The dispatch
 * thread never waits for a feed: events go into a bounded buffer, and a subscriber that lets it
 * overflow is ended with an error rather than slowing everyone else.
 */
@Component
class LiveFeeds implements LiveEvents {

    private static final Pattern SHARD_TYPE = Pattern.compile("^[a-z][a-z0-9_]{1,62}$");

    /** One live subscriber. */
    final class Feed extends Recipient {

        private final FluxSink<EventMessage> sink;
        private final AtomicBoolean closed = new AtomicBoolean();

        Feed(Actor actor, Subscription subscription, FluxSink<EventMessage> sink) {
            this.actor = actor;
            this.subscriptions.add(subscription);
            this.sink = sink;
        }

        @Override
        boolean isClosed() {
            return closed.get() || sink.isCancelled();
        }

        void receive(EventMessage event) {
            if (!isClosed()) {
                sink.next(event);
            }
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                byTenant.computeIfPresent(actor.tenantId(), (tenant, feeds) -> {
                    feeds.remove(this);
                    return feeds.isEmpty() ? null : feeds;
                });
            }
        }
    }

    private final Map<UUID, Set<Feed>> byTenant = new ConcurrentHashMap<>();

    @Override
    public Flux<EventMessage> subscribe(Actor actor, List<String> eventPatterns, Collection<String> shardTypes) {
        List<String> events = eventPatterns == null || eventPatterns.isEmpty() ? List.of("*") : List.copyOf(eventPatterns);
        Set<String> types = shardTypes == null ? Set.of() : new LinkedHashSet<>(shardTypes);
        if (events.size() > 50 || events.stream().anyMatch(e -> !Subscription.EVENT_PATTERN.matcher(e).matches())) {
            throw ApiException.badRequest("events must be at most 50 event types or patterns (\"*\", \"shard.*\", \"shard.created\")",
                    "/events");
        }
        if (types.size() > 50 || types.stream().anyMatch(t -> !SHARD_TYPE.matcher(t).matches())) {
            throw ApiException.badRequest("types must be at most 50 shard type names", "/types");
        }
        Subscription subscription = new Subscription("feed", events, types);
        return Flux.<EventMessage>create(sink -> {
            Feed feed = new Feed(actor, subscription, sink);
            byTenant.computeIfAbsent(actor.tenantId(), t -> ConcurrentHashMap.newKeySet()).add(feed);
            sink.onDispose(feed::close);
        }, FluxSink.OverflowStrategy.IGNORE).onBackpressureBuffer(MAX_BACKLOG, BufferOverflowStrategy.ERROR);
    }

    @Override
    public int feeds(UUID tenantId) {
        return ofTenant(tenantId).size();
    }

    Collection<Feed> ofTenant(UUID tenantId) {
        Set<Feed> feeds = byTenant.get(tenantId);
        return feeds == null ? List.of() : feeds;
    }
}
