package io.castiel.platform.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

/**
 * Buckets shared by every node through Redis. A request's buckets (its credential's and its
 * tenant's) are checked and spent by one Lua script, so a request costs one round trip, and the
 * check is atomic across nodes and across the buckets: a refusal by the tenant's bucket spends
 * nothing of the credential's. The script keeps each bucket as one number, its theoretical
 * arrival time (the generic cell rate algorithm: a token bucket that refills continuously), on
 * Redis's clock, so the nodes' clocks do not matter; a key expires when its bucket would be full
 * again. Every call is bounded by a short timeout and fails fast while Redis is unreachable
 * (commands are rejected rather than queued), so the caller can fall back at once; Lettuce
 * reconnects in the background, at most 5 s after Redis returns.
 */
final class RedisBucketStore implements BucketStore {

    private static final Logger log = LoggerFactory.getLogger(RedisBucketStore.class);
    private static final long RECONNECT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    /*
     * KEYS: the buckets; ARGV: each one's tokens per minute. Times are in microseconds since
     * 2025-01-01, small enough for a double to keep sub-microsecond steps. A bucket of n per
     * minute admits a request if its arrival time, pushed back by 60 s / n, stays within a minute
     * of now. Answers {allowed, reported bucket (1-based), tokens left, us to full, us to retry}.
     */
    private static final String SCRIPT = """
            local clock = redis.call('TIME')
            local now = (tonumber(clock[1]) - 1735689600) * 1000000 + tonumber(clock[2])
            local window = 60000000
            local arrivals = {}
            local reported, fewest = 1, -1
            for i = 1, #KEYS do
              local interval = window / tonumber(ARGV[i])
              local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
              if tat < now then tat = now end
              local arrival = tat + interval
              if arrival - now > window then
                return {0, i, 0, math.ceil(tat - now), math.ceil(arrival - window - now)}
              end
              arrivals[i] = arrival
              local left = math.floor((window - (arrival - now)) / interval)
              if fewest < 0 or left < fewest then reported, fewest = i, left end
            end
            for i = 1, #KEYS do
              redis.call('SET', KEYS[i], string.format('%.3f', arrivals[i]), 'PX', math.ceil((arrivals[i] - now) / 1000) + 1)
            end
            return {1, reported, fewest, math.ceil(arrivals[reported] - now), 0}
            """;

    private final ClientResources resources;
    private final RedisClient client;
    private final String address;
    private final String keyPrefix;
    private final RedisURI uri;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final byte[] script = SCRIPT.getBytes(StandardCharsets.UTF_8);
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private volatile String scriptSha;
    private volatile long nextAttempt;
    /** Whether the current run of failed attempts was logged (written by the one attempt under way). */
    private boolean unreachableLogged;

    RedisBucketStore(String url, String keyPrefix, Duration timeout) {
        this.uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.address = uri.getHost() + ":" + uri.getPort();
        // Lettuce's default backoff grows to 30 s between attempts: after a long outage the nodes
        // would keep limiting on their own for up to 30 s once Redis is back.
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ZERO, Duration.ofSeconds(5), 2, TimeUnit.MILLISECONDS)).build();
        this.client = RedisClient.create(resources, uri);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        this.keyPrefix = keyPrefix;
        this.nextAttempt = System.nanoTime();
        // At startup, not on a request: the first requests are limited by all nodes together.
        connect().join();
    }

    @Override
    public Outcome consume(List<Limit> limits) {
        byte[][] keys = new byte[limits.size()][];
        byte[][] perMinute = new byte[limits.size()][];
        for (int i = 0; i < keys.length; i++) {
            Limit limit = limits.get(i);
            keys[i] = key(limit);
            perMinute[i] = Long.toString(limit.perMinute()).getBytes(StandardCharsets.US_ASCII);
        }
        List<Object> answer = run(keys, perMinute);
        Limit reported = limits.get(((Long) answer.get(1)).intValue() - 1);
        return new Outcome((Long) answer.get(0) == 1, reported, (Long) answer.get(2),
                TimeUnit.MICROSECONDS.toNanos((Long) answer.get(3)), TimeUnit.MICROSECONDS.toNanos((Long) answer.get(4)));
    }

    /** The limit is part of the key: a changed configuration starts fresh buckets instead of keeping the old capacity. */
    private byte[] key(Limit limit) {
        return (keyPrefix + limit.key() + ":" + limit.perMinute()).getBytes(StandardCharsets.UTF_8);
    }

    private List<Object> run(byte[][] keys, byte[][] perMinute) {
        StatefulRedisConnection<byte[], byte[]> open = connection();
        String sha = scriptSha;
        try {
            return open.sync().evalsha(sha, ScriptOutputType.MULTI, keys, perMinute);
        } catch (RedisNoScriptException e) {
            // Redis restarted or its script cache was flushed: load the script again.
            scriptSha = open.sync().scriptLoad(script);
            return open.sync().evalsha(scriptSha, ScriptOutputType.MULTI, keys, perMinute);
        }
    }

    private StatefulRedisConnection<byte[], byte[]> connection() {
        StatefulRedisConnection<byte[], byte[]> current = connection;
        if (current == null) {
            connect();
            throw new IllegalStateException("Redis is not connected");
        }
        return current;
    }

    /**
     * One attempt at a time, at most every 5 s, in the background: connecting and loading the
     * script take up to a timeout each, which a request must not wait for (it falls back at once).
     * Once connected, Lettuce reconnects by itself.
     */
    private CompletableFuture<Void> connect() {
        if (System.nanoTime() - nextAttempt < 0 || !connecting.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        nextAttempt = System.nanoTime() + RECONNECT_INTERVAL_NANOS;
        CompletableFuture<String> attempt;
        try {
            attempt = client.connectAsync(ByteArrayCodec.INSTANCE, uri).toCompletableFuture()
                    .thenCompose(opened -> opened.async().scriptLoad(script).toCompletableFuture().whenComplete((sha, e) -> {
                        if (e != null) {
                            opened.closeAsync();
                        } else {
                            scriptSha = sha;
                            connection = opened;
                        }
                    }));
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e); // still ends the attempt below, or none would ever start again
        }
        return attempt.handle((sha, e) -> {
            if (e == null) {
                unreachableLogged = false;
                log.info("Rate limits are shared through Redis at {}", address);
            } else if (!unreachableLogged) {
                // Once per outage: the attempts every 5 s would fill the log.
                unreachableLogged = true;
                log.warn("Redis for rate limits is unreachable ({}); limits are enforced per node until it is back", message(e));
            } else {
                log.debug("Redis for rate limits is still unreachable: {}", message(e));
            }
            connecting.set(false);
            return null;
        });
    }

    private static String message(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage();
    }

    @Override
    public void close() {
        StatefulRedisConnection<byte[], byte[]> open = connection;
        if (open != null) {
            open.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
