/**
 * Real time: the {@code /ws} WebSocket. A client authenticates with its first message, subscribes
 * to event types and shard types, and receives its tenant's events after they commit, only those
 * its actor may read (the same {@link io.castiel.shard.ShardAccess} check as REST). In server mode
 * the nodes share their events through Redis pub/sub so that a socket on any node sees every write.
 * {@link io.castiel.realtime.LiveEvents} gives other live channels (GraphQL subscriptions) the
 * same events with the same filtering: sockets and feeds go through one delivery path.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Realtime")
package io.castiel.realtime;
