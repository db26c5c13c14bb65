package io.castiel.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

import io.castiel.support.Api;
import io.castiel.support.Node;

/**
 * Two server nodes, one database, one Redis: a limit is enforced once across both. Node A runs in
 * embedded mode with {@code castiel.redis.url} set; node B runs in server mode (which shares its
 * buckets through Redis by default) against A's PostgreSQL with A's signing key, as a second
 * node behind a load balancer would (same signing key and installation secret). Needs the machine's Redis ({@code CASTIEL_TEST_REDIS_URL},
 * default {@code redis://127.0.0.1:6379}; {@code .ci/run} starts it): skipped without one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributedRateLimitTests {

    private final List<Node> nodes = new ArrayList<>();
    private Node a;
    private Node b;

    @BeforeAll
    void start() throws IOException {
        String redis = System.getenv().getOrDefault("CASTIEL_TEST_REDIS_URL", "redis://127.0.0.1:6379");
        Assumptions.assumeTrue(reachable(redis), "Redis is not reachable at " + redis + " (.ci/run starts one): two-node rate limits not tested");
        // A key prefix of this run only: earlier runs' buckets (same client addresses) must not count.
        String prefix = "castiel-test:" + UUID.randomUUID() + ":";
        String[] limits = {"castiel.rate-limit.user-per-minute=4", "castiel.rate-limit.tenant-per-minute=1000",
            "castiel.rate-limit.login-per-minute-per-ip=3", "castiel.rate-limit.key-prefix=" + prefix,
            // Client addresses from X-Forwarded-For (the test's, as a load balancer would send them).
            "server.forward-headers-strategy=native"};
        a = node(limits, "castiel.redis.url=" + redis);
        JdbcConnectionDetails app = a.context.getBean(JdbcConnectionDetails.class);
        FlywayConnectionDetails owner = a.context.getBean(FlywayConnectionDetails.class);
        String key = Files.readString(a.home.resolve("keys").resolve("jwt-signing.pem"));
        String secret = Files.readString(a.home.resolve("keys").resolve("secret.key")).trim();
        b = node(limits, "spring.profiles.active=server", "castiel.redis.url=" + redis, "castiel.db.url=" + app.getJdbcUrl(),
                "castiel.db.user=" + app.getUsername(), "castiel.db.password=" + app.getPassword(),
                "castiel.db.migration-user=" + owner.getUsername(), "castiel.db.migration-password=" + owner.getPassword(),
                "castiel.security.jwt-private-key=" + key, "castiel.security.secret-key=" + secret);
    }

    @AfterAll
    void stop() {
        nodes.forEach(Node::close);
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

    private Node node(String[] limits, String... settings) {
        List<String> all = new ArrayList<>(List.of(limits));
        all.addAll(List.of(settings));
        Node node = Node.start(all.toArray(String[]::new));
        nodes.add(node);
        return node;
    }

    /** Whether something listens at the Redis URL (a test against Redis skips without one). */
    static boolean reachable(String url) {
        URI uri = URI.create(url);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
