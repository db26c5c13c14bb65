package io.castiel.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.unit.DataSize;

import io.castiel.platform.EventMessage;
import io.castiel.platform.RedisProperties;
import io.castiel.support.TcpRelay;
import io.castiel.support.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The node's side of the Redis channel across an outage, through a {@link TcpRelay} the test cuts:
 * a node that started while Redis was away joins the channel once it returns, and what a node
 * commits while Redis is away neither blocks it nor reaches the other nodes later. Needs the
 * machine's Redis ({@code CASTIEL_TEST_REDIS_URL}, default {@code redis://127.0.0.1:6379}): skipped without one.
 */
class RedisEventBusTests {

    private final String channel = "castiel-test:" + UUID.randomUUID() + ":events";
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<EventMessage> fromOthers = new CopyOnWriteArrayList<>();
    private final List<String> onChannel = new CopyOnWriteArrayList<>();
    private TcpRelay relay;
    private RedisClient direct;
    private StatefulRedisPubSubConnection<String, String> listening;
    private RedisEventBus bus;

    @BeforeEach
    void open() {
        TestRedis.assumeReachable("the event bus");
        relay = new TcpRelay(TestRedis.port());
        // Another node's view of the channel, straight to Redis (not through the relay).
        direct = RedisClient.create(TestRedis.url());
        listening = direct.connectPubSub();
        listening.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                onChannel.add(message);
            }
        });
        listening.sync().subscribe(channel);
    }

    @AfterEach
    void close() throws Exception {
        if (bus != null) {
            bus.destroy();
        }
        if (listening != null) {
            listening.close();
        }
        if (direct != null) {
            direct.shutdown();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void aNodeStartedWhileRedisIsDownGetsOtherNodesEventsOnceRedisReturns() {
        relay.cut();
        bus = bus();
        bus.onRemoteEvent(UUID.randomUUID(), fromOthers::add);
        relay.restore();

        EventMessage event = event();
        String message = UUID.randomUUID() + "\n" + json.writeValueAsString(event);
        // Nothing is committed on this node meanwhile: it must join the channel on its own.
        await(Duration.ofSeconds(15), () -> {
            try (var publishing = direct.connect()) {
                publishing.sync().publish(channel, message);
            }
            return sleepUntil(Duration.ofMillis(500), () -> !fromOthers.isEmpty());
        });

        assertThat(fromOthers).extracting(EventMessage::id).containsOnly(event.id());
    }

    @Test
    void eventsCommittedWhileRedisIsDownAreQueuedWithoutWaitingAndDroppedNotDeliveredLate() {
        UUID node = UUID.randomUUID();
        bus = bus();
        bus.onRemoteEvent(node, fromOthers::add);
        EventMessage before = event();
        bus.publish(node, before);
        assertThat(sleepUntil(Duration.ofSeconds(10), () -> onChannel.size() == 1)).as("connected before the outage").isTrue();

        relay.cut();
        long started = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            bus.publish(node, event());
        }
        Duration publishing = Duration.ofNanos(System.nanoTime() - started);
        sleepUntil(Duration.ofMillis(500), () -> false);
        bus.publish(node, event()); // just before Redis returns: no older than any command timeout
        sleepUntil(Duration.ofMillis(100), () -> false);
        relay.restore();
        EventMessage after = event();
        await(Duration.ofSeconds(15), () -> {
            bus.publish(node, after);
            return sleepUntil(Duration.ofMillis(500), () -> onChannel.stream().anyMatch(m -> m.contains(after.id().toString())));
        });

        assertThat(publishing).as("20,000 events queued while Redis is down").isLessThan(Duration.ofSeconds(1));
        assertThat(onChannel.stream().filter(m -> !m.contains(before.id().toString()) && !m.contains(after.id().toString())))
                .as("events from the outage are not replayed to the other nodes").isEmpty();
    }

    private RedisEventBus bus() {
        RealtimeProperties properties = new RealtimeProperties(1000, DataSize.ofMegabytes(8), Duration.ofSeconds(10), Duration.ofSeconds(25),
                Duration.ofSeconds(5), Duration.ZERO, 20, channel, false, Duration.ofMillis(10));
        return new RedisEventBus(new RedisProperties("redis://127.0.0.1:" + relay.port()), properties, new StandardEnvironment(), json,
                new SimpleMeterRegistry());
    }

    private EventMessage event() {
        return new EventMessage(UUID.randomUUID(), "shard.created", UUID.randomUUID(), Instant.now(),
                json.createObjectNode().put("id", UUID.randomUUID().toString()), null);
    }

    private static void await(Duration bound, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + bound.toSeconds() + " s");
            }
        }
    }

    /** Waits up to {@code window} for {@code condition}; whether it held. */
    private static boolean sleepUntil(Duration window, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + window.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return true;
    }
}
