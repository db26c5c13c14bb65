package io.castiel.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.castiel.support.Api;
import io.castiel.support.Node;
import io.castiel.support.TestRedis;

/**
 * Two server nodes, one database, one Redis: a limit is enforced once across both. Node A runs in
 * embedded mode with {@code castiel.redis.url} set; node B runs in server mode (which shares its
 * buckets through Redis by default) against A's PostgreSQL with A's signing key, as a second
 * node behind a load balancer would (same signing key and installation secret). Needs the machine's Redis ({@code CASTIEL_TEST_REDIS_URL},
 * default {@code redis://127.0.0.1:6379}; {@code .ci/run} starts it): skipped without one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributedRateLimitTests {

    private Node.Pair nodes;
    private Node a;
    private Node b;

    @BeforeAll
    void start() {
        TestRedis.assumeReachable("two-node rate limits");
        // A key prefix of this run only: earlier runs' buckets (same client addresses) must not count.
        String prefix = "castiel-test:" + UUID.randomUUID() + ":";
        nodes = Node.startPair("castiel.redis.url=" + TestRedis.url(), "castiel.rate-limit.user-per-minute=4",
                "castiel.rate-limit.tenant-per-minute=1000", "castiel.rate-limit.login-per-minute-per-ip=3",
                "castiel.rate-limit.key-prefix=" + prefix,
                // Client addresses from X-Forwarded-For (the test's, as a load balancer would send them).
                "server.forward-headers-strategy=native");
        a = nodes.a();
        b = nodes.b();
    }

    @AfterAll
    void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void twoNodesEnforceOneLimitPerCredential() {
        Node.Owner owner = a.register("203.0.113.10");
        Api onA = owner.api();
        Api onB = b.from("203.0.113.10").withToken(onA.token());

        long started = System.nanoTime();
        List<String> remaining = new ArrayList<>();
        for (Api node : List.of(onA, onB, onA, onB)) {
            Api.Response response = node.get("me");
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            remaining.add(response.header("RateLimit-Remaining"));
        }
        Api.Response refusedOnA = onA.get("me");
        Api.Response refusedOnB = onB.get("me");
        RateLimitTests.noRefillSince(started, 15);

        assertThat(remaining).containsExactly("3", "2", "1", "0");
        assertThat(refusedOnA.status()).isEqualTo(429);
        assertThat(refusedOnB.status()).isEqualTo(429);
        assertThat(refusedOnB.header("Retry-After")).isNotNull();
    }

    @Test
    void twoNodesEnforceOneLoginLimitPerAddress() {
        Api fromA = a.from("203.0.113.20");
        Api fromB = b.from("203.0.113.20");
        long started = System.nanoTime();
        Api.Response first = fromA.post("auth/login", Api.object().put("email", "nobody@example.test").put("password", "wrong password!"));
        Api.Response second = fromB.post("auth/login", Api.object().put("email", "nobody@example.test").put("password", "wrong password!"));
        Api.Response third = fromA.post("auth/login", Api.object().put("email", "nobody@example.test").put("password", "wrong password!"));

        Api.Response refused = fromB.post("auth/login", Api.object().put("email", "nobody@example.test").put("password", "wrong password!"));
        RateLimitTests.noRefillSince(started, 20);

        assertThat(List.of(first.header("RateLimit-Remaining"), second.header("RateLimit-Remaining"), third.header("RateLimit-Remaining")))
                .containsExactly("2", "1", "0");
        assertThat(refused.status()).isEqualTo(429);
    }
}
