package io.castiel.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.castiel.support.Api;
import io.castiel.support.Node;
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

    private final List<Node> nodes = new ArrayList<>();
    private int portA;
    private int portB;

    @BeforeAll
    void start() throws IOException {
        String redis = System.getenv().getOrDefault("CASTIEL_TEST_REDIS_URL", "redis://127.0.0.1:6379");
        Assumptions.assumeTrue(reachable(redis), "Redis is not reachable at " + redis + " (.ci/run starts one): two-node WebSocket fan-out not tested");
        // A channel of this run only: other runs on the machine publish their own events.
        String channel = "castiel-test:" + UUID.randomUUID() + ":events";
        Node a = Node.start("castiel.redis.url=" + redis, "castiel.realtime.redis-channel=" + channel);
        nodes.add(a);
        Node b = a.startServerNodeOnSameDatabase("castiel.redis.url=" + redis, "castiel.realtime.redis-channel=" + channel);
        nodes.add(b);
        portA = a.port;
        portB = b.port;
    }

    @AfterAll
    void stop() {
        // B first: it uses A's database.
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
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
