package io.castiel.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.castiel.support.Api;
import io.castiel.support.Node;
import io.castiel.support.TestRedis;
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

    private Node.Pair nodes;
    private int portA;
    private int portB;

    @BeforeAll
    void start() {
        TestRedis.assumeReachable("two-node WebSocket fan-out");
        // A channel of this run only: other runs on the machine publish their own events.
        String channel = "castiel-test:" + UUID.randomUUID() + ":events";
        nodes = Node.startPair("castiel.redis.url=" + TestRedis.url(), "castiel.realtime.redis-channel=" + channel);
        portA = nodes.a().port;
        portB = nodes.b().port;
    }

    @AfterAll
    void stop() {
        if (nodes != null) {
            nodes.close();
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

    @Test
    void aWriteOnOneNodeMakesADashboardWatchedOnTheOtherStale() {
        Api anonymous = new Api(portA, null);
        String email = "owner-" + UUID.randomUUID() + "@example.test";
        JsonNode registered = anonymous.post("auth/register", Api.object().put("tenantName", "Live board " + UUID.randomUUID())
                .put("email", email).put("password", TestTenant.PASSWORD).put("name", "Owner")).json();
        Api onNodeA = new Api(portA, registered.get("accessToken").asString());
        Api.Response board = onNodeA.post("dashboards", Api.parse("""
                {"name": "Accounts", "visibility": "private",
                 "widgets": [{"id": "accounts", "kind": "kpi", "title": "Accounts",
                              "query": {"shardType": "c_account", "measures": [{"fn": "count"}]}}],
                 "layout": [{"widgetId": "accounts", "x": 0, "y": 0, "w": 4, "h": 2}]}"""));
        assertThat(board.status()).as(board.toString()).isEqualTo(201);
        String id = board.json().get("id").asString();
        try (WsClient onB = WsClient.authenticated(portB, onNodeA.token())) {
            onB.send(Api.object().put("type", "watch").put("dashboardId", id));
            assertThat(onB.next().get("type").asString()).isEqualTo("watching");

            onNodeA.post("shards", Api.object().put("shardType", "c_account").set("structuredData", Api.object().put("name", "On A")));

            JsonNode stale = onB.next();
            assertThat(stale.get("type").asString()).isEqualTo("dashboard.stale");
            assertThat(stale.get("dashboardId").asString()).isEqualTo(id);
            assertThat(stale.get("widgetIds").get(0).asString()).isEqualTo("accounts");
        }
    }
}
