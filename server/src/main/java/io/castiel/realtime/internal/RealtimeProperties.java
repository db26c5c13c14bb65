package io.castiel.realtime.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code castiel.realtime.*}: limits of the WebSocket. Each socket has an outgoing queue of at most
 * {@code maxQueuedMessages} messages and {@code maxQueuedBytes}; one send may block at most
 * {@code sendTimeout}: a client that overflows either is closed as a slow consumer. The server
 * pings every {@code pingInterval} and drops a client that has not answered by the next ping. A
 * client must authenticate within {@code authTimeout}. A restricted (member, viewer) socket's type
 * permissions are loaded for each event unless {@code permissionsTtl} lets them be reused that long
 * (fewer queries for many restricted sockets, at the price of a permission change applying later). Events travel between nodes on the Redis
 * channel {@code redisChannel} (when {@code castiel.redis.url} is set, or in server mode). With
 * {@code compression} a handshake may negotiate permessage-deflate (off: see {@link UncompressedWebSockets}).
 * A socket busy with a burst of events gets them in writes at most every {@code flushDelay} (0: a
 * write per event); the first event after a quiet spell is never delayed.
 */
@ConfigurationProperties("castiel.realtime")
record RealtimeProperties(@DefaultValue("1000") int maxQueuedMessages, @DefaultValue("8MB") DataSize maxQueuedBytes,
        @DefaultValue("10s") Duration sendTimeout, @DefaultValue("25s") Duration pingInterval, @DefaultValue("5s") Duration authTimeout,
        @DefaultValue("0s") Duration permissionsTtl, @DefaultValue("20") int maxSubscriptions,
        @DefaultValue("castiel:events") String redisChannel, @DefaultValue("false") boolean compression,
        @DefaultValue("10ms") Duration flushDelay) {
}
