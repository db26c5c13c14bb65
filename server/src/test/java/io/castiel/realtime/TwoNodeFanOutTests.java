package io.castiel.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.castiel.CastielApplication;
import io.castiel.support.Api;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * Two server nodes sharing one database and one Redis, as behind a load balancer: a write on node
 * A reaches a socket on node B (through Redis pub/sub), and a socket on A gets A's own write once,
 * not a second time back from Redis. Node A runs in embedded mode with {@code castiel.redis.url};
 * node B in server mode on A's PostgreSQL with A's signing key and secret. Needs the machine's
 * Redis ({@code CASTIEL_TEST_REDIS_URL}, default {@code redis://127.0.0.1:6379}): skipped without one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeFanOutTests {

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private int portA;
    private int portB;

    @BeforeAll
    void start() throws IOException {
        String redis = System.getenv().getOrDefault("CASTIEL_TEST_REDIS_URL", "redis://127.0.0.1:6379");
        Assumptions.assumeTrue(reachable(redis), "Redis is not reachable at " + redis + " (.ci/run starts one): two-node WebSocket fan-out not tested");
        // A channel of this run only: other runs on the machine publish their own events.
        String channel = "castiel-test:" + UUID.randomUUID() + ":events";
        Path homeA = Files.createTempDirectory("castiel-node-");
        ConfigurableApplicationContext a = start(homeA, "castiel.redis.url=" + redis, "castiel.realtime.redis-channel=" + channel);
        JdbcConnectionDetails app = a.getBean(JdbcConnectionDetails.class);
        FlywayConnectionDetails owner = a.getBean(FlywayConnectionDetails.class);
        String key = Files.readString(homeA.resolve("keys").resolve("jwt-signing.pem"));
        String secret = Files.readString(homeA.resolve("keys").resolve("secret.key")).trim();
        ConfigurableApplicationContext b = start(Files.createTempDirectory("castiel-node-"), "spring.profiles.active=server",
                "castiel.redis.url=" + redis, "castiel.realtime.redis-channel=" + channel, "castiel.db.url=" + app.getJdbcUrl(),
                "castiel.db.user=" + app.getUsername(), "castiel.db.password=" + app.getPassword(),
                "castiel.db.migration-user=" + owner.getUsername(), "castiel.db.migration-password=" + owner.getPassword(),
                "castiel.security.jwt-private-key=" + key, "castiel.security.secret-key=" + secret);
        portA = port(a);
        portB = port(b);
    }

    @AfterAll
    void stop() {
        // B first: it uses A's database.
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).close();
        }
    }

    @Test
    void aWriteOnOneNodeReachesSocketsOnBothNodesOnce() {
        Api anonymous = new Api(portA, null);
        String email = "owner-" + UUID.randomUUID() + "@example.test";
        JsonNode registered = anonymous.post("auth/register", Api.object().put("tenantName", "Fan-out " + UUID.randomUUID())
                .put("email", email).put("password", TestTenant.PASSWORD).put("name", "Owner")).json();
        Api owner = new Api(portA, registered.get("accessToken").asString());
        try (WsClient onA = WsClient.authenticated(portA, owner.token()); WsClient onB = WsClient.authenticated(portB, owner.token())) {
            onA.subscribe(List.of("shard.*"), null);
            onB.subscribe(List.of("shard.*"), null);

            Api.Response created = owner.post("shards", Api.object().put("shardType", "c_account")
                    .set("structuredData", Api.object().put("name", "Written on A")));
            assertThat(created.status()).isEqualTo(201);
            String id = created.json().get("id").asString();

            assertThat(onB.nextEvent().at("/data/id").asString()).isEqualTo(id);
            assertThat(onA.nextEvent().at("/data/id").asString()).isEqualTo(id);
            assertThat(onA.drain(Duration.ofMillis(500))).as("no second copy from Redis").isEmpty();
            assertThat(onB.drain(Duration.ofMillis(100))).isEmpty();

            Api onNodeB = new Api(portB, owner.token());
            String fromB = onNodeB.post("shards", Api.object().put("shardType", "c_account")
                    .set("structuredData", Api.object().put("name", "Written on B"))).json().get("id").asString();
            assertThat(onA.nextEvent().at("/data/id").asString()).isEqualTo(fromB);
            assertThat(onB.nextEvent().at("/data/id").asString()).isEqualTo(fromB);
        }
    }

    private ConfigurableApplicationContext start(Path home, String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--castiel.home=" + home, "--spring.main.banner-mode=off"));
        for (String setting : settings) {
            args.add("--" + setting);
        }
        ConfigurableApplicationContext context = SpringApplication.run(CastielApplication.class, args.toArray(String[]::new));
        contexts.add(context);
        return context;
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static boolean reachable(String url) {
        URI uri = URI.create(url);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
