package io.castiel.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.castiel.support.Api;
import io.castiel.support.Node;
import io.castiel.support.TcpRelay;
import io.castiel.support.TestRedis;
import tools.jackson.databind.JsonNode;

/**
 * Two nodes sharing one Redis through a {@link TcpRelay} that a test cuts and restores, as a Redis
 * outage: node A runs in embedded mode with {@code castiel.redis.url} set, node B in server mode on
 * A's database, both pointed at the relay. While Redis is away each node limits on its own buckets,
 * no request waits longer than the Redis timeout, and sockets get their own node's events only; when
 * it returns, events cross nodes and limits are shared again within seconds. Needs the machine's
 * Redis ({@code CASTIEL_TEST_REDIS_URL}, default {@code redis://127.0.0.1:6379}): skipped without one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisOutageTests {

    /** Small, so that one node's own bucket runs out within a few requests; a token refills every 6 s. */
    private static final int PER_MINUTE = 10;
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(250);
    /** Room for the request's own work on a busy two-core machine; a blocked thread would take seconds. */
    private static final Duration LATENCY_MARGIN = Duration.ofMillis(750);
    /** Lettuce reconnects at most every 5 s; the rest is room for a busy machine. */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private TcpRelay relay;
    private Node.Pair nodes;
    private Node a;
    private Node b;

    @BeforeAll
    void start() {
        TestRedis.assumeReachable("Redis outage");
        relay = new TcpRelay(TestRedis.port());
        // A key prefix and channel of this run only: other runs on the machine share the Redis.
        String run = "castiel-test:" + UUID.randomUUID() + ":";
        String[] settings = {"castiel.redis.url=redis://127.0.0.1:" + relay.port(), "castiel.realtime.redis-channel=" + run + "events",
            "castiel.rate-limit.key-prefix=" + run, "castiel.rate-limit.redis-timeout=" + REDIS_TIMEOUT.toMillis() + "ms",
            "castiel.rate-limit.user-per-minute=" + PER_MINUTE, "castiel.rate-limit.tenant-per-minute=1000",
            // Client addresses from X-Forwarded-For: each tenant registers from its own.
            "server.forward-headers-strategy=native"};
        nodes = Node.startPair(settings);
        a = nodes.a();
        b = nodes.b();
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closing : new AutoCloseable[] {nodes, relay}) {
            try {
                if (closing != null) {
                    closing.close();
                }
            } catch (Exception e) {
                // closing anyway
            }
        }
    }

    @Test
    void withRedisUpOneLimitCoversBothNodesAndAWriteOnAReachesASocketOnB() {
        Node.Owner writer = register();
        Node.Owner caller = register();
        try (WsClient onB = WsClient.authenticated(b.port, writer.api().token())) {
            onB.subscribe(List.of("shard.*"), null);

            String id = createShard(writer, a, "Written on A");
            assertThat(receives(onB, id, Duration.ofSeconds(10))).as("B's socket gets A's write").isTrue();
        }

        long started = System.nanoTime();
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < PER_MINUTE; i++) {
            Api.Response response = on(i % 2 == 0 ? a : b, caller).get("me");
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            remaining.add(response.header("RateLimit-Remaining"));
        }
        Api.Response refusedOnA = on(a, caller).get("me");
        Api.Response refusedOnB = on(b, caller).get("me");
        noRefillSince(started);

        assertThat(remaining).as("one bucket, spent on either node").containsExactlyElementsOf(countdown());
        assertThat(refusedOnA.status()).isEqualTo(429);
        assertThat(refusedOnB.status()).isEqualTo(429);
    }

    @Test
    void whileRedisIsDownEachNodeLimitsOnItsOwnWithinTheTimeoutAndSocketsGetTheirOwnNodesEvents() {
        Node.Owner writer = register();
        Node.Owner caller = register();
        Latencies latencies = new Latencies();
        try (WsClient onB = WsClient.authenticated(b.port, writer.api().token())) {
            onB.subscribe(List.of("shard.*"), null);
            relay.cut();
            try {
                long started = System.nanoTime();
                List<String> remainingOnA = new ArrayList<>();
                List<String> remainingOnB = new ArrayList<>();
                for (int i = 0; i < PER_MINUTE; i++) {
                    remainingOnA.add(latencies.time(() -> on(a, caller).get("me")).header("RateLimit-Remaining"));
                }
                Api.Response refusedOnA = latencies.time(() -> on(a, caller).get("me"));
                for (int i = 0; i < PER_MINUTE; i++) {
                    remainingOnB.add(latencies.time(() -> on(b, caller).get("me")).header("RateLimit-Remaining"));
                }
                Api.Response refusedOnB = latencies.time(() -> on(b, caller).get("me"));
                noRefillSince(started);

                String writtenOnB = latencies.time(() -> create(writer, b, "Written on B while Redis is down")).json().get("id").asString();
                boolean ownEventDelivered = receives(onB, writtenOnB, Duration.ofSeconds(10));
                String writtenOnA = latencies.time(() -> create(writer, a, "Written on A while Redis is down")).json().get("id").asString();
                boolean remoteEventDelivered = receives(onB, writtenOnA, Duration.ofSeconds(2));

                System.out.printf("Redis outage: the slowest of %d requests took %d ms%n", latencies.statuses.size(), latencies.max().toMillis());
                assertThat(latencies.statuses).as("every request answered, none with a server error").allMatch(status -> status < 500);
                assertThat(remainingOnA).as("A's own bucket: the full limit").containsExactlyElementsOf(countdown());
                assertThat(refusedOnA.status()).isEqualTo(429);
                assertThat(remainingOnB).as("B's own bucket: the full limit again, A's spending unseen").containsExactlyElementsOf(countdown());
                assertThat(refusedOnB.status()).isEqualTo(429);
                assertThat(latencies.max()).as("the slowest request (the Redis timeout is %s)", REDIS_TIMEOUT)
                        .isLessThan(REDIS_TIMEOUT.plus(LATENCY_MARGIN));
                assertThat(ownEventDelivered).as("B's socket gets B's own write").isTrue();
                assertThat(remoteEventDelivered).as("A's write does not reach B without Redis").isFalse();
                assertThat(onB.closed).as("B's socket stays open").isNotDone();
            } finally {
                relay.restore();
            }
            // Both nodes' buckets for the caller are spent: the next test starts with the nodes together again.
            awaitTogether(writer, caller, onB, System.nanoTime());
        }
    }

    @Test
    void whenRedisReturnsEventsCrossNodesAndLimitsAreSharedAgainWithinSeconds() {
        Node.Owner writer = register();
        Node.Owner caller = register();
        try (WsClient onB = WsClient.authenticated(b.port, writer.api().token())) {
            onB.subscribe(List.of("shard.*"), null);
            relay.cut();
            long restored;
            try {
                // Each node's own bucket runs out, so that an admission afterwards can only come from Redis.
                for (Node node : List.of(a, b)) {
                    for (int i = 0; i < PER_MINUTE; i++) {
                        on(node, caller).get("me");
                    }
                    assertThat(on(node, caller).get("me").status()).isEqualTo(429);
                }
                String whileDown = createShard(writer, a, "Written on A while Redis is down");
                assertThat(receives(onB, whileDown, Duration.ofSeconds(2))).as("degraded: A's write stays on A").isFalse();
            } finally {
                relay.restore();
                restored = System.nanoTime();
            }

            awaitTogether(writer, caller, onB, restored);

            long started = System.nanoTime();
            int onA = remaining(on(a, caller).get("me"));
            int thenOnB = remaining(on(b, caller).get("me"));
            int thenOnA = remaining(on(a, caller).get("me"));
            noRefillSince(started);
            assertThat(List.of(thenOnB, thenOnA)).as("one bucket again, spent on either node").containsExactly(onA - 1, onA - 2);
            assertThat(onB.closed).as("B's socket stayed open through the outage").isNotDone();
        }
    }

    /**
     * Waits (within {@link #RECOVERY_BOUND} of {@code restored}) until a write on A reaches B's
     * socket and each node admits the caller from the shared bucket: the caller's node buckets must
     * be spent, so that only the shared one (untouched, full) admits with tokens to spare.
     */
    private void awaitTogether(Node.Owner writer, Node.Owner caller, WsClient onB, long restored) {
        Duration eventsBack = awaitWithin(RECOVERY_BOUND, () -> receives(onB, createShard(writer, a, "Written on A after Redis returned"),
                Duration.ofSeconds(1)), restored);
        Duration limitsBackOnA = awaitWithin(RECOVERY_BOUND, () -> remaining(on(a, caller).get("me")) > 0, restored);
        Duration limitsBackOnB = awaitWithin(RECOVERY_BOUND, () -> remaining(on(b, caller).get("me")) > 0, restored);
        System.out.printf("Redis outage recovery: events A->B after %d ms, shared limits on A after %d ms, on B after %d ms%n",
                eventsBack.toMillis(), limitsBackOnA.toMillis(), limitsBackOnB.toMillis());
    }

    /** The requests' latencies and statuses, as a client sees them. */
    private static final class Latencies {

        final List<Integer> statuses = new ArrayList<>();
        private long maxNanos;

        Api.Response time(Supplier<Api.Response> request) {
            long started = System.nanoTime();
            Api.Response response = request.get();
            maxNanos = Math.max(maxNanos, System.nanoTime() - started);
            statuses.add(response.status());
            return response;
        }

        Duration max() {
            return Duration.ofNanos(maxNanos);
        }
    }

    private Node.Owner register() {
        return a.register("203.0.113." + ADDRESSES.incrementAndGet());
    }

    /** The owner's client on {@code node}. */
    private static Api on(Node node, Node.Owner owner) {
        return new Api(node.port, owner.api().token());
    }

    private static Api.Response create(Node.Owner owner, Node node, String name) {
        Api.Response created = on(node, owner).post("shards", Api.object().put("shardType", "c_account")
                .set("structuredData", Api.object().put("name", name)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }

    private static String createShard(Node.Owner owner, Node node, String name) {
        return create(owner, node, name).json().get("id").asString();
    }

    /** Whether the socket gets the event about shard {@code id} within {@code window} (other messages are skipped). */
    private static boolean receives(WsClient socket, String id, Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        for (long left = window.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            JsonNode message = socket.poll(Duration.ofNanos(left));
            if (message != null && id.equals(message.at("/event/data/id").asString())) {
                return true;
            }
        }
        return false;
    }

    /** Retries {@code condition} until it holds; how long after {@code since} it did. */
    private static Duration awaitWithin(Duration bound, java.util.function.BooleanSupplier condition, long since) {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - since > bound.toNanos()) {
                throw new AssertionError("not recovered within " + bound.toSeconds() + " s of Redis returning");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - since);
    }

    private static int remaining(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isIn(200, 429);
        return Integer.parseInt(response.header("RateLimit-Remaining"));
    }

    /** What a full bucket reports, request after request: limit - 1 down to 0. */
    private static List<String> countdown() {
        List<String> values = new ArrayList<>();
        for (int left = PER_MINUTE - 1; left >= 0; left--) {
            values.add(Integer.toString(left));
        }
        return values;
    }

    /** Skips (rather than fails) when the requests were so slow that a token may have refilled meanwhile. */
    private static void noRefillSince(long started) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        Assumptions.assumeTrue(elapsed.compareTo(Duration.ofSeconds(60 / PER_MINUTE)) < 0,
                "the requests took " + elapsed.toMillis() + " ms: a token may have been refilled meanwhile (a very busy machine)");
    }
}
