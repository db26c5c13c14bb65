package io.castiel.platform.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;

/**
 * Buckets shared by every node through Redis, with Bucket4j's compare-and-swap proxy over Lettuce
 * (read the state, then swap it in a Lua script only if nobody changed it meanwhile), so two nodes
 * enforce one limit. Every call is bounded by a short timeout and fails fast while Redis is
 * unreachable (commands are rejected rather than queued), so the caller can fall back at once.
 * Keys expire once their bucket would be full again.
 */
final class RedisBucketStore implements BucketStore {

    private static final Logger log = LoggerFactory.getLogger(RedisBucketStore.class);
    private static final long RECONNECT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final RedisClient client;
    private final String address;
    private final String keyPrefix;
    private final Duration timeout;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private volatile ProxyManager<byte[]> buckets;
    private volatile long nextAttempt;

    RedisBucketStore(String url, String keyPrefix, Duration timeout) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.address = uri.getHost() + ":" + uri.getPort();
        this.client = RedisClient.create(uri);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        this.keyPrefix = keyPrefix;
        this.timeout = timeout;
        this.nextAttempt = System.nanoTime();
        connect();
    }

    @Override
    public ConsumptionProbe tryConsume(String key, long perMinute) {
        return buckets().builder().build(key(key, perMinute), () -> BucketStore.perMinute(perMinute)).tryConsumeAndReturnRemaining(1);
    }

    @Override
    public void refund(String key, long perMinute) {
        buckets().builder().build(key(key, perMinute), () -> BucketStore.perMinute(perMinute)).addTokens(1);
    }

    /** The limit is part of the key: a changed configuration starts fresh buckets instead of keeping the old capacity. */
    private byte[] key(String key, long perMinute) {
        return (keyPrefix + key + ":" + perMinute).getBytes(StandardCharsets.UTF_8);
    }

    private ProxyManager<byte[]> buckets() {
        ProxyManager<byte[]> current = buckets;
        if (current == null) {
            connect();
            current = buckets;
            if (current == null) {
                throw new IllegalStateException("Redis is not connected");
            }
        }
        return current;
    }

    /** One thread at a time, at most every 5 s; the others fall back immediately instead of waiting. */
    private void connect() {
        if (System.nanoTime() - nextAttempt < 0 || !connecting.tryLock()) {
            return;
        }
        try {
            if (buckets != null) {
                return;
            }
            nextAttempt = System.nanoTime() + RECONNECT_INTERVAL_NANOS;
            StatefulRedisConnection<byte[], byte[]> opened = client.connect(ByteArrayCodec.INSTANCE);
            connection = opened;
            buckets = Bucket4jLettuce.casBasedBuilder(opened)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .requestTimeout(timeout)
                    .build();
            log.info("Rate limits are shared through Redis at {}", address);
        } catch (RuntimeException e) {
            log.warn("Redis for rate limits is unreachable ({}); limits are enforced per node until it is back", e.getMessage());
        } finally {
            connecting.unlock();
        }
    }

    @Override
    public void close() {
        StatefulRedisConnection<byte[], byte[]> open = connection;
        if (open != null) {
            open.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
