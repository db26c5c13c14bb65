package io.castiel.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.castiel.platform.ratelimit.BucketStore.Limit;
import io.castiel.platform.ratelimit.BucketStore.Outcome;
import io.castiel.support.TcpRelay;
import io.castiel.support.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * The shared buckets' script against the machine's Redis ({@code CASTIEL_TEST_REDIS_URL}, default
 * {@code redis://127.0.0.1:6379}; skipped without one): a request's buckets are spent all or none,
 * and the figures it reports are those of the token bucket it stands for.
 */
class RedisBucketStoreTests {

    private final String redis = TestRedis.url();
    private final String run = UUID.randomUUID().toString();
    private RedisBucketStore store;

    @BeforeEach
    void open() {
        TestRedis.assumeReachable("the shared bucket store");
        store = new RedisBucketStore(redis, "castiel-test:" + UUID.randomUUID() + ":", Duration.ofSeconds(2));
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aBucketAdmitsAMinutesWorthThenRefusesUntilOneTokenRefills() {
        Limit five = new Limit("credential", "cred:" + run, 5);
        long started = System.nanoTime();
        List<Outcome> admitted = List.of(store.consume(List.of(five)), store.consume(List.of(five)), store.consume(List.of(five)),
                store.consume(List.of(five)), store.consume(List.of(five)));
        Outcome refused = store.consume(List.of(five));
        RateLimitTests.noRefillSince(started, 12);

        assertThat(admitted).allMatch(Outcome::allowed);
        assertThat(admitted).extracting(Outcome::remaining).containsExactly(4L, 3L, 2L, 1L, 0L);
        // One token is 12 s at 5 per minute: the first answer's bucket is full again 12 s later.
        assertThat(TimeUnit.NANOSECONDS.toMillis(admitted.get(0).nanosToReset())).isBetween(11_000L, 12_001L);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.reported()).isEqualTo(five);
        assertThat(refused.remaining()).isZero();
        assertThat(TimeUnit.NANOSECONDS.toMillis(refused.nanosToRetry())).isBetween(1L, 12_001L);
        assertThat(TimeUnit.NANOSECONDS.toMillis(refused.nanosToReset())).isBetween(48_000L, 60_001L);
    }

    @Test
    void aRefusalByTheTenantCostsTheCredentialNothing() {
        Limit credential = new Limit("credential", "cred:" + run, 5);
        Limit tenant = new Limit("tenant", "tenant:" + run, 2);
        long started = System.nanoTime();
        Outcome first = store.consume(List.of(credential, tenant));
        Outcome second = store.consume(List.of(credential, tenant));
        Outcome refused = store.consume(List.of(credential, tenant));
        Outcome credentialAlone = store.consume(List.of(credential));
        RateLimitTests.noRefillSince(started, 12);

        assertThat(first.allowed()).isTrue();
        assertThat(first.reported()).as("the tenant has fewer tokens left").isEqualTo(tenant);
        assertThat(first.remaining()).isEqualTo(1);
        assertThat(second.remaining()).isZero();
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.reported()).isEqualTo(tenant);
        assertThat(credentialAlone.allowed()).isTrue();
        assertThat(credentialAlone.remaining()).as("two spent, the refused request not").isEqualTo(2);
    }

    @Test
    void aFlushedScriptCacheIsLoadedAgain() {
        Limit limit = new Limit("ip", "ip:" + run, 100);
        assertThat(store.consume(List.of(limit)).remaining()).isEqualTo(99);
        RedisClient client = RedisClient.create(redis);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().scriptFlush();
        } finally {
            client.shutdown();
        }

        Outcome afterFlush = store.consume(List.of(limit));

        assertThat(afterFlush.allowed()).isTrue();
        assertThat(afterFlush.remaining()).isEqualTo(98);
    }

    @Test
    void aStoreStartedWhileRedisIsDownConnectsInTheBackgroundOnceItReturns() {
        Limit limit = new Limit("ip", "ip:" + run, 100);
        try (TcpRelay relay = new TcpRelay(TestRedis.port())) {
            relay.cut();
            try (RedisBucketStore late = new RedisBucketStore("redis://127.0.0.1:" + relay.port(), "castiel-test:" + UUID.randomUUID() + ":",
                    Duration.ofMillis(250))) {
                relay.restore();
                long restored = System.nanoTime();
                Outcome shared = null;
                while (shared == null) {
                    assertThat(Duration.ofNanos(System.nanoTime() - restored)).as("connected within the 5 s retry interval")
                            .isLessThan(Duration.ofSeconds(10));
                    long started = System.nanoTime();
                    try {
                        shared = late.consume(List.of(limit));
                    } catch (RuntimeException e) {
                        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a request while not connected")
                                .isLessThan(Duration.ofMillis(100));
                        sleep(100);
                    }
                }
                assertThat(shared.allowed()).isTrue();
                assertThat(shared.remaining()).isEqualTo(99);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
