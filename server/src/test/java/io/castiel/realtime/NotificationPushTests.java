package io.castiel.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.castiel.support.Api;
import io.castiel.support.Node;
import io.castiel.support.TestRedis;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Notifications reach their recipient's sockets as they are stored, on both nodes of a two-node
 * installation (one database, one Redis), and the unread count they carry stays right as the user
 * reads them on the other node. Needs the machine's Redis ({@code CASTIEL_TEST_REDIS_URL}, default
 * {@code redis://127.0.0.1:6379}): skipped without one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationPushTests {

    private Node.Pair nodes;
    private Node a;
    private Node b;

    @BeforeAll
    void start() {
        TestRedis.assumeReachable("notification push");
        nodes = Node.startPair("castiel.redis.url=" + TestRedis.url(), "castiel.realtime.redis-channel=castiel-test:" + UUID.randomUUID() + ":events");
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
    void aNotificationIsPushedToTheRecipientsSocketsOnBothNodesAndReadingItOnOneUpdatesTheCountOnBoth() {
        Node.Owner owner = a.register();
        Node.Owner stranger = a.register();
        Api onA = new Api(a.port, owner.api().token());
        Api onB = new Api(b.port, owner.api().token());
        ObjectNode rule = Api.object().put("shardType", "c_account");
        rule.putArray("events").add("shard.created");
        assertThat(onA.post("notification-rules", rule).status()).isEqualTo(201);
        try (WsClient socketA = WsClient.authenticated(a.port, owner.api().token());
                WsClient socketB = WsClient.authenticated(b.port, owner.api().token());
                WsClient strangerOnB = WsClient.authenticated(b.port, stranger.api().token())) {

            String shardId = onA.post("shards", Api.object().put("shardType", "c_account")
                    .set("structuredData", Api.object().put("name", "Pushed Ltd"))).json().get("id").asString();

            JsonNode onSocketA = nextOfType(socketA, "notification");
            JsonNode onSocketB = nextOfType(socketB, "notification");
            assertThat(onSocketA.at("/notification/link").asString()).isEqualTo("/shards/" + shardId);
            assertThat(onSocketA.at("/notification/title").asString()).contains("\"Pushed Ltd\"");
            assertThat(onSocketA.get("unreadCount").asLong()).isEqualTo(1);
            assertThat(onSocketB.get("notification")).isEqualTo(onSocketA.get("notification"));
            assertThat(onSocketB.get("unreadCount").asLong()).isEqualTo(1);
            String notificationId = onSocketA.at("/notification/id").asString();

            assertThat(onB.post("notifications/" + notificationId + "/read", null).status()).isEqualTo(200);

            for (WsClient socket : new WsClient[] {socketA, socketB}) {
                JsonNode read = nextOfType(socket, "notifications.read");
                assertThat(read.get("ids").get(0).asString()).isEqualTo(notificationId);
                assertThat(read.get("unreadCount").asLong()).isZero();
            }
            assertThat(onA.get("notifications/unread-count").json().get("count").asLong()).isZero();
            assertThat(strangerOnB.drain(Duration.ofMillis(500))).noneMatch(m -> m.path("type").asString().startsWith("notification"));
        }
    }

    /** The next message of {@code type}, skipping others (events the socket did not ask for never come). */
    private static JsonNode nextOfType(WsClient socket, String type) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = socket.poll(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (message != null && type.equals(message.path("type").asString())) {
                return message;
            }
        }
        throw new AssertionError("No " + type + " message within 15 s");
    }
}
