package io.castiel.realtime.internal;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.castiel.platform.Actor;
import io.castiel.shard.ShardAccess;

/**
 * Whoever receives a tenant's live events: a {@code /ws} socket or a {@link LiveFeeds} feed (a
 * GraphQL subscription). {@link EventDelivery} decides for both with the same rules, which is why
 * they share who they are ({@link #actor}), what they asked for ({@link #subscriptions}) and the
 * permission rules cached for them.
 */
abstract class Recipient {

    /** Shard permissions of a restricted actor, loaded at a time. */
    record CachedRules(ShardAccess.Rules rules, long loadedAtNanos) {
    }

    final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    volatile Actor actor;
    volatile CachedRules rules;

    boolean authenticated() {
        return actor != null;
    }

    abstract boolean isClosed();

    /** Whether any subscription wants events of this type, shard types aside. */
    boolean wantsType(String eventType) {
        return subscriptions.stream().anyMatch(s -> s.matchesType(eventType));
    }

    /** Whether a subscription that wants this type filters by shard type (relationship events then need their ends' types). */
    boolean filtersShardTypes(String eventType) {
        return subscriptions.stream().anyMatch(s -> s.matchesType(eventType) && !s.shardTypes().isEmpty());
    }

    boolean wants(String eventType, Collection<String> concernedTypes) {
        return subscriptions.stream().anyMatch(s -> s.matches(eventType, concernedTypes));
    }
}
