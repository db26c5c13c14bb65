package io.castiel.realtime.internal;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import io.castiel.platform.EventMessage;
import io.castiel.platform.RedisProperties;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries committed events between nodes over one Redis pub/sub channel: each node publishes the
 * events committed on it, prefixed with its node id, and delivers to its own sockets what other nodes
 * published (its own it has delivered already, so each socket gets each event once). Without
 * {@code castiel.redis.url} in embedded mode it is off and events stay in the JVM. Publishing is
 * asynchronous and never blocks the caller; while Redis is unreachable, nodes deliver only their
 * own events (what they commit meanwhile is dropped for the others, not sent late) and reconnect
 * at most 5 s after it returns (Lettuce resubscribes after a reconnect). One thread publishes,
 * pipelining whatever queued up meanwhile; the committing thread only queues.
 */
@Component
class RedisEventBus implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RedisEventBus.class);
    private static final long RECONNECT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** An event for the subscribed sockets, or a message for one user's sockets: each kind has its channel. */
    private record Outgoing(UUID node, String channel, UUID id, Object message) {
    }

    private final JsonMapper json;
    private final String channel;
    /** Messages for one user's sockets: a channel of their own, so that a node of an earlier version never reads one as an event. */
    private final String userChannel;
    private final ClientResources resources;
    private final RedisClient client;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile StatefulRedisConnection<String, String> publisher;
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile long nextAttempt = System.nanoTime();
    /** Whether the current run of failed attempts was logged (guarded by {@code connecting}). */
    private boolean unreachableLogged;
    private final BlockingQueue<Outgoing> outbox = new ArrayBlockingQueue<>(10_000);
    private final Thread publishing;
    private final Counter dropped;
    private final AtomicLong lastDropWarning = new AtomicLong(System.nanoTime() - TimeUnit.MINUTES.toNanos(2));
    private volatile String ownPrefix;
    private volatile Consumer<EventMessage> remote;
    private volatile Consumer<UserPush> remotePushes = push -> {
    };
    private volatile boolean closing;

    RedisEventBus(RedisProperties redis, RealtimeProperties properties, Environment environment, JsonMapper json, MeterRegistry meters) {
        this.json = json;
        this.dropped = Counter.builder("castiel.realtime.bus_dropped")
                .description("Events not sent to the other nodes because the Redis publishing queue was full").register(meters);
        this.channel = properties.redisChannel();
        this.userChannel = channel + ":users";
        String url = redis.url();
        if (!StringUtils.hasText(url) && environment.acceptsProfiles(Profiles.of("server"))) {
            url = "redis://127.0.0.1:6379";
        }
        if (StringUtils.hasText(url)) {
            RedisURI uri = RedisURI.create(url);
            uri.setTimeout(Duration.ofSeconds(2));
            // Lettuce's default backoff grows to 30 s between attempts: after a long outage the
            // nodes would stay apart for up to 30 s once Redis is back.
            this.resources = ClientResources.builder()
                    .reconnectDelay(Delay.exponential(Duration.ZERO, Duration.ofSeconds(5), 2, TimeUnit.MILLISECONDS)).build();
            this.client = RedisClient.create(resources, uri);
            // Rejected, not buffered while disconnected: Lettuce would hold every publish (up to the
            // command timeout) and send it late, out of order with what the sockets got meanwhile.
            this.client.setOptions(ClientOptions.builder().autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build()).build());
            // Lettuce's own reconnect messages are quietened (application.yml): say once that the
            // nodes are apart, and when they are together again.
            this.client.addListener(new RedisConnectionStateListener() {
                @Override
                public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                    if (connection == subscriber && !closing) {
                        log.warn("Lost Redis for WebSocket events; sockets get only this node's events until it is back");
                    }
                }

                @Override
                public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                    if (connection == subscriber) {
                        log.info("Redis is back: WebSocket events are shared between nodes again");
                    }
                }
            });
        } else {
            this.resources = null;
            this.client = null;
        }
        if (client != null) {
            publishing = new Thread(this::publishQueued, "redis-events");
            publishing.setDaemon(true);
            publishing.start();
        } else {
            publishing = null;
        }
    }

    /** Starts listening (once, by the node's event hand-off): what other nodes publish goes to {@code deliver}. */
    void onRemoteEvent(UUID node, Consumer<EventMessage> deliver) {
        this.ownPrefix = node + "\n";
        this.remote = deliver;
        connect();
    }

    /** What other nodes push to one user's sockets goes to {@code deliver} (set before {@link #onRemoteEvent}). */
    void onRemoteUserPush(Consumer<UserPush> deliver) {
        this.remotePushes = deliver;
    }

    /** As {@link #publish(UUID, EventMessage)}, for a message to one user's sockets on the other nodes. */
    void publish(UUID node, UserPush push) {
        queue(new Outgoing(node, userChannel, push.userId(), push));
    }

    /**
     * Queues the event for the publishing thread and returns at once. When the queue is full
     * (Redis far behind) the event is dropped for the other nodes, counted, and logged once a minute;
     * this node's own sockets got it already.
     */
    void publish(UUID node, EventMessage event) {
        queue(new Outgoing(node, channel, event.id(), event));
    }

    private void queue(Outgoing outgoing) {
        if (client == null) {
            return;
        }
        if (!outbox.offer(outgoing)) {
            dropped.increment();
            long now = System.nanoTime();
            long last = lastDropWarning.get();
            if (now - last > TimeUnit.MINUTES.toNanos(1) && lastDropWarning.compareAndSet(last, now)) {
                log.warn("Redis is behind: events are not reaching the other nodes' sockets ({} dropped so far)", (long) dropped.count());
            }
        }
    }

    /**
     * The publishing thread: takes what has queued up and pipelines it to Redis in one flush. A
     * command written from a request's (virtual) thread costs Netty a task hand-off and an event
     * loop wake-up per event; written here, a burst costs one of each.
     */
    private void publishQueued() {
        List<Outgoing> batch = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            Outgoing first;
            try {
                // Not take(): a node that started while Redis was down must connect (and subscribe)
                // even when it commits nothing itself.
                first = outbox.poll(RECONNECT_INTERVAL_NANOS, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return;
            }
            StatefulRedisConnection<String, String> connection = publisher;
            if (connection == null) {
                connect();
                connection = publisher;
            }
            if (first == null) {
                continue;
            }
            batch.add(first);
            outbox.drainTo(batch, 255);
            if (connection != null) {
                try {
                    RedisAsyncCommands<String, String> commands = connection.async();
                    for (Outgoing outgoing : batch) {
                        commands.publish(outgoing.channel(), outgoing.node() + "\n" + json.writeValueAsString(outgoing.message())).exceptionally(e -> {
                            log.debug("Publishing {} to Redis failed: {}", outgoing.id(), e.toString());
                            return null;
                        });
                    }
                    connection.flushCommands();
                } catch (RuntimeException e) {
                    log.debug("Publishing {} events to Redis failed: {}", batch.size(), e.toString());
                }
            }
            batch.clear();
        }
    }

    /** A message is the publishing node's id, a line break and the event: a node drops its own without parsing them. */
    private void received(String from, String message) {
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
            String body = message.substring(newline + 1);
            if (from.equals(userChannel)) {
                remotePushes.accept(json.readValue(body, UserPush.class));
            } else {
                remote.accept(json.readValue(body, EventMessage.class));
            }
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
            StatefulRedisPubSubConnection<String, String> listening = null;
            try {
                listening = client.connectPubSub();
                listening.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String from, String message) {
                        received(from, message);
                    }
                });
                listening.sync().subscribe(channel, userChannel);
                StatefulRedisConnection<String, String> publishing = client.connect();
                publishing.setAutoFlushCommands(false); // the publishing thread flushes once per batch
                subscriber = listening;
                publisher = publishing;
                unreachableLogged = false;
                log.info("WebSocket events are shared between nodes through Redis channel {}", channel);
            } catch (RuntimeException e) {
                // Half connected counts as not connected: a subscriber kept now would be a second one
                // after the next attempt, and every event would arrive twice.
                if (listening != null) {
                    listening.close();
                }
                throw e;
            }
        } catch (RuntimeException e) {
            // Once per outage: the attempts every 5 s would fill the log.
            if (!unreachableLogged) {
                unreachableLogged = true;
                log.warn("Redis for WebSocket events is unreachable ({}); sockets get only this node's events until it is back", e.getMessage());
            } else {
                log.debug("Redis for WebSocket events is still unreachable: {}", e.getMessage());
            }
        } finally {
            connecting.unlock();
        }
    }

    @Override
    public void destroy() {
        if (client == null) {
            return;
        }
        closing = true;
        publishing.interrupt();
        if (subscriber != null) {
            subscriber.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
