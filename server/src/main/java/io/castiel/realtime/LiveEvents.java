package io.castiel.realtime;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.castiel.platform.Actor;
import io.castiel.platform.EventMessage;
import reactor.core.publisher.Flux;

/**
 * The tenant's events as they commit, for one actor: exactly what a {@code /ws} socket with the
 * same subscription receives (same tenant, same event and shard type filters, same permission
 * checks, events from other nodes included in server mode). For other live channels, such as
 * GraphQL subscriptions, so that they never re-implement who may see what.
 */
public interface LiveEvents {

    /** At most this many events wait for a slow subscriber; beyond, its feed ends with an error. */
    int MAX_BACKLOG = 1_000;

    /**
     * A feed that starts now and lasts until cancelled.
     *
     * @param eventPatterns {@code *}, {@code shard.*} or exact types; empty or null means all
     * @param shardTypes    only events about these shard types; empty or null means any
     * @throws io.castiel.platform.ApiException (400) for a malformed pattern or type name
     */
    Flux<EventMessage> subscribe(Actor actor, List<String> eventPatterns, Collection<String> shardTypes);

    /** How many feeds of the tenant are live on this node (a feed counts once its subscriber has requested it). */
    int feeds(UUID tenantId);
}
