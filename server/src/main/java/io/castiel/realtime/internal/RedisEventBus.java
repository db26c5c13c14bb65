package io.castiel.realtime.internal;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import io.castiel.platform.CastielEvent;
import io.castiel.platform.ratelimit.RedisProperties;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries committed events between nodes over one Redis pub/sub channel: each node publishes the
 * events committed on it, prefixed with its node id, and delivers to its own sockets what other nodes
 * published (its own it has delivered already, so each socket gets each event once). Without
 * {@code castiel.redis.url} in embedded mode it is off and events stay in the JVM. Publishing is
 * asynchronous and never blocks the caller; while Redis is unreachable, nodes deliver only their
 * own events and reconnect at most every 5 s (Lettuce resubscribes after a reconnect).
 */
@Component
class RedisEventBus implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RedisEventBus.class);
    private static final long RECONNECT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final JsonMapper json;
    private final String channel;
    private final RedisClient client;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile StatefulRedisConnection<String, String> publisher;
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile long nextAttempt = System.nanoTime();
    private volatile String ownPrefix;
    private volatile Consumer<CastielEvent> remote;

    RedisEventBus(RedisProperties redis, RealtimeProperties properties, Environment environment, JsonMapper json) {
        this.json = json;
        this.channel = properties.redisChannel();
        String url = redis.url();
        if (!StringUtils.hasText(url) && environment.acceptsProfiles(Profiles.of("server"))) {
            url = "redis://127.0.0.1:6379";
        }
        if (StringUtils.hasText(url)) {
            RedisURI uri = RedisURI.create(url);
            uri.setTimeout(Duration.ofSeconds(2));
            this.client = RedisClient.create(uri);
            this.client.setOptions(ClientOptions.builder().autoReconnect(true)
                    .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build()).build());
        } else {
            this.client = null;
        }
    }

    /** Starts listening (once, by the node's event hand-off): what other nodes publish goes to {@code deliver}. */
    void onRemoteEvent(UUID node, Consumer<CastielEvent> deliver) {
        this.ownPrefix = node + "\n";
        this.remote = deliver;
        connect();
    }

    void publish(UUID node, CastielEvent event) {
        if (client == null) {
            return;
        }
        StatefulRedisConnection<String, String> connection = publisher;
        if (connection == null) {
            connect();
            connection = publisher;
            if (connection == null) {
                return;
            }
        }
        String message = node + "\n" + json.writeValueAsString(event);
        connection.async().publish(channel, message).exceptionally(e -> {
            log.debug("Publishing event {} to Redis failed: {}", event.id(), e.toString());
            return null;
        });
    }

    /** A message is the publishing node's id, a line break and the event: a node drops its own without parsing them. */
    private void received(String message) {
        String own = ownPrefix;
        int newline = message.indexOf('\n');
        if (newline < 0) {
            log.warn("Ignoring a malformed event from Redis channel {}: no node id", channel);
            return;
        }
        if (own == null || message.startsWith(own)) {
            return;
        }
        try {
            remote.accept(json.readValue(message.substring(newline + 1), CastielEvent.class));
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            log.warn("Ignoring a malformed event from Redis channel {}: {}", channel, e.toString());
        }
    }

    private void connect() {
        if (client == null || System.nanoTime() - nextAttempt < 0 || !connecting.tryLock()) {
            return;
        }
        try {
            if (publisher != null) {
                return;
            }
            nextAttempt = System.nanoTime() + RECONNECT_INTERVAL_NANOS;
            StatefulRedisPubSubConnection<String, String> listening = client.connectPubSub();
            listening.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String message) {
                    received(message);
                }
            });
            listening.sync().subscribe(channel);
            subscriber = listening;
            publisher = client.connect();
            log.info("WebSocket events are shared between nodes through Redis channel {}", channel);
        } catch (RuntimeException e) {
            log.warn("Redis for WebSocket events is unreachable ({}); sockets get only this node's events until it is back", e.getMessage());
        } finally {
            connecting.unlock();
        }
    }

    @Override
    public void destroy() {
        if (client == null) {
            return;
        }
        if (subscriber != null) {
            subscriber.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
