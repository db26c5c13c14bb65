package io.castiel.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.Node;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code /ws} WebSocket through the real server: authentication, subscriptions, who sees which events, origins. */
class RealtimeTests extends CastielTest {

    private static final Duration QUIET = Duration.ofMillis(300);

    // ---------------------------------------------------------------- authentication

    @Test
    void theFirstMessageAuthenticatesWithAnAccessToken() {
        TestTenant tenant = newTenant();
        try (WsClient client = WsClient.connect(port)) {
            client.send(Api.object().put("type", "auth").put("token", tenant.api().token()));

            JsonNode ready = client.next();
            assertThat(ready.get("type").asString()).isEqualTo("ready");
            assertThat(ready.get("userId").asString()).isEqualTo(tenant.ownerId().toString());
            assertThat(ready.get("tenantId").asString()).isEqualTo(tenant.id().toString());
            assertThat(ready.get("expiresAt").asString()).isNotBlank();
        }
    }

    @Test
    void aBadTokenClosesTheSocketAsAPolicyViolation() {
        try (WsClient client = WsClient.connect(port)) {
            client.send(Api.object().put("type", "auth").put("token", "eyJhbGciOiJub25lIn0.e30."));

            WsClient.Close close = client.awaitClose();
            assertThat(close.code()).isEqualTo(1008);
            assertThat(close.reason()).contains("token");
            assertThat(client.messages).isEmpty();
        }
    }

    @Test
    void anyOtherFirstMessageClosesTheSocket() {
        try (WsClient subscribeFirst = WsClient.connect(port); WsClient garbage = WsClient.connect(port)) {
            subscribeFirst.send(Api.object().put("type", "subscribe"));
            garbage.sendText("not json");

            assertThat(subscribeFirst.awaitClose().code()).isEqualTo(1008);
            assertThat(subscribeFirst.awaitClose().reason()).contains("auth");
            assertThat(garbage.awaitClose().code()).isEqualTo(1008);
        }
    }

    @Test
    void aSocketThatDoesNotAuthenticateInTimeIsClosed() {
        try (WsClient client = WsClient.connect(port)) {
            long started = System.nanoTime();

            WsClient.Close close = client.awaitClose();
            assertThat(close.code()).isEqualTo(1008);
            assertThat(close.reason()).contains("no auth");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(10));
        }
    }

    @Test
    void anApiKeyAuthenticatesAsItsCreatorWithTheKeysRoles() {
        TestTenant tenant = newTenant();
        ObjectNode request = Api.object().put("name", "realtime");
        request.putArray("roles").add("viewer");
        String key = tenant.api().post("api-keys", request).json().get("key").asString();

        try (WsClient client = WsClient.connect(port)) {
            client.send(Api.object().put("type", "auth").put("token", key));

            JsonNode ready = client.next();
            assertThat(ready.get("type").asString()).isEqualTo("ready");
            assertThat(ready.get("userId").asString()).isEqualTo(tenant.ownerId().toString());
            assertThat(ready.get("roles").toString()).isEqualTo("[\"viewer\"]");
            client.subscribe(List.of("shard.*"), null);
            JsonNode account = tenant.account("Seen through a key");
            assertThat(client.nextEvent().at("/data/id").asString()).isEqualTo(account.get("id").asString());
        }
        try (WsClient client = WsClient.connect(port)) {
            client.send(Api.object().put("type", "auth").put("token", "ck_" + "x".repeat(43)));
            assertThat(client.awaitClose().code()).isEqualTo(1008);
        }
    }

    @Test
    void anotherOriginIsRefusedAtTheHandshake() {
        assertThatThrownBy(() -> WsClient.connect(port, "https://evil.example")).satisfies(e -> {
            Throwable cause = e;
            while (!(cause instanceof WebSocketHandshakeException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertThat(cause).isInstanceOf(WebSocketHandshakeException.class);
            assertThat(((WebSocketHandshakeException) cause).getResponse().statusCode()).isEqualTo(403);
        });

        TestTenant tenant = newTenant();
        try (WsClient allowed = WsClient.connect(port, "https://app.castiel.test")) {
            allowed.send(Api.object().put("type", "auth").put("token", tenant.api().token()));
            assertThat(allowed.next().get("type").asString()).isEqualTo("ready");
        }
    }

    @Test
    void theHandshakeDeclinesPerMessageCompression() throws IOException {
        for (String path : List.of("/ws", "/api/v1/graphql")) {
            String response = rawHandshake(port, path, "permessage-deflate; client_max_window_bits");

            assertThat(response).as(path).startsWith("HTTP/1.1 101");
            assertThat(response.toLowerCase(Locale.ROOT)).as(path).doesNotContain("sec-websocket-extensions");
        }
    }

    @Test
    void compressionCanBeTurnedOn() throws IOException {
        try (Node node = Node.start("castiel.realtime.compression=true")) {
            String response = rawHandshake(node.port, "/ws", "permessage-deflate; client_max_window_bits");

            assertThat(response).startsWith("HTTP/1.1 101");
            assertThat(response.toLowerCase(Locale.ROOT)).contains("sec-websocket-extensions: permessage-deflate");
        }
    }

    /** The response head of an upgrade offering {@code extensions} (java.net.http's WebSocket client may not set that header). */
    private static String rawHandshake(int port, String path, String extensions) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String key = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().substring(0, 16).getBytes(StandardCharsets.US_ASCII));
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                    + (path.contains("graphql") ? "Sec-WebSocket-Protocol: graphql-transport-ws\r\n" : "")
                    + "Sec-WebSocket-Extensions: " + extensions + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
                head.append(line).append('\n');
            }
            return head.toString();
        }
    }

    // ---------------------------------------------------------------- what a socket receives

    @Test
    void aSocketReceivesItsTenantsEventsAndNeverAnotherTenants() {
        TestTenant tenant = newTenant();
        TestTenant other = newTenant();
        try (WsClient client = WsClient.authenticated(port, tenant.api().token())) {
            client.subscribe(List.of("*"), null);

            other.account("Not yours");
            JsonNode mine = tenant.account("Yours");
            tenant.api().patch("shards/" + mine.get("id").asString(), Api.object().set("metadata", Api.object().put("v", 2)));

            JsonNode created = client.nextEvent();
            assertThat(created.get("type").asString()).isEqualTo("shard.created");
            assertThat(created.get("tenantId").asString()).isEqualTo(tenant.id().toString());
            assertThat(created.at("/data/id").asString()).isEqualTo(mine.get("id").asString());
            assertThat(created.get("id").asString()).isNotBlank();
            assertThat(created.get("occurredAt").asString()).isNotBlank();
            assertThat(created.has("previous")).isFalse();
            JsonNode updated = client.nextEvent();
            assertThat(updated.get("type").asString()).isEqualTo("shard.updated");
            assertThat(updated.at("/previous/revision").asInt()).isEqualTo(1);
            assertThat(updated.at("/data/revision").asInt()).isEqualTo(2);
            assertThat(client.drain(QUIET)).isEmpty();
        }
    }

    @Test
    void eventsArriveAsTheTextTheyCarryWhateverItsScriptOrSize() {
        TestTenant tenant = newTenant();
        String name = "Zürich – 東京 😀 \"quoted\" \\ end";
        String longText = "Grüße aus Köln, 東京 and 😀. ".repeat(1_500); // ~45,000 characters: several of Tomcat's buffers
        try (WsClient client = WsClient.authenticated(port, tenant.api().token())) {
            client.subscribe(List.of("shard.created"), null);

            tenant.account(name);
            Api.Response created = tenant.api().post("shards", Api.object().put("shardType", "c_account")
                    .<ObjectNode>set("structuredData", Api.object().put("name", "Long"))
                    .set("unstructuredData", Api.object().put("text", longText)));
            assertThat(created.status()).isEqualTo(201);

            assertThat(client.nextEvent().at("/data/structuredData/name").asString()).isEqualTo(name);
            assertThat(client.nextEvent().at("/data/unstructuredData/text").asString()).isEqualTo(longText);
        }
    }

    @Test
    void shardsHiddenByTheirAclOrTypePermissionsNeverReachTheSocket() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        try (WsClient client = WsClient.authenticated(port, member.api().token());
                WsClient owner = WsClient.authenticated(port, tenant.api().token())) {
            client.subscribe(List.of("shard.*"), null);
            owner.subscribe(List.of("shard.*"), null);

            ObjectNode secret = Api.object().put("shardType", "c_account");
            secret.set("structuredData", Api.object().put("name", "Secret"));
            secret.putArray("acl").addObject().put("userId", tenant.ownerId().toString()).putArray("permissions").add("read");
            assertThat(tenant.api().post("shards", secret).status()).isEqualTo(201);
            assertThat(tenant.api().put("shard-types/c_task/permissions", "{\"member\": []}").status()).isEqualTo(200);
            tenant.createShard("c_task", Api.object().put("title", "Hidden task"));
            JsonNode visible = tenant.account("Visible");

            assertThat(client.nextEvent().at("/data/id").asString()).isEqualTo(visible.get("id").asString());
            assertThat(client.drain(QUIET)).isEmpty();
            assertThat(List.of(owner.nextEvent(), owner.nextEvent(), owner.nextEvent()))
                    .extracting(e -> e.at("/data/shardType").asString()).containsExactly("c_account", "c_task", "c_account");
        }
    }

    @Test
    void relationshipEventsArriveOnlyWhenBothEndsAreReadable() {
        TestTenant tenant = newTenant();
        TestTenant.Member viewer = addUser(tenant, "viewer");
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");
        ObjectNode hidden = Api.object().put("shardType", "c_account");
        hidden.set("structuredData", Api.object().put("name", "Hidden"));
        hidden.putArray("acl").addObject().put("userId", tenant.ownerId().toString()).putArray("permissions").add("read");
        JsonNode secret = tenant.api().post("shards", hidden).json();
        try (WsClient client = WsClient.authenticated(port, viewer.api().token())) {
            client.subscribe(List.of("relationship.*"), null);

            tenant.link(a, secret, "related_to");
            String visible = tenant.link(a, b, "related_to");

            JsonNode event = client.nextEvent();
            assertThat(event.get("type").asString()).isEqualTo("relationship.created");
            assertThat(event.at("/data/id").asString()).isEqualTo(visible);
            assertThat(client.drain(QUIET)).isEmpty();
        }
    }

    @Test
    void subscriptionsFilterByEventTypeWildcardAndShardType() {
        TestTenant tenant = newTenant();
        try (WsClient client = WsClient.authenticated(port, tenant.api().token())) {
            client.subscribe(List.of("shard.*"), List.of("c_account"));
            client.subscribe(List.of("shardtype.created"), null);

            tenant.createShard("c_task", Api.object().put("title", "Not an account"));
            JsonNode account = tenant.account("An account");
            tenant.link(account, account, "related_to");
            Api.Response type = tenant.api().post("shard-types", Api.object().put("name", "widget")
                    .set("schema", Api.parse("{\"type\": \"object\"}")));
            assertThat(type.status()).as(type.toString()).isEqualTo(201);
            tenant.api().delete("shards/" + account.get("id").asString());

            List<JsonNode> events = List.of(client.nextEvent(), client.nextEvent(), client.nextEvent());
            assertThat(events).extracting(e -> e.get("type").asString())
                    .containsExactly("shard.created", "shardtype.created", "shard.deleted");
            assertThat(events.get(0).at("/data/shardType").asString()).isEqualTo("c_account");
            assertThat(client.drain(QUIET)).isEmpty();
        }
    }

    @Test
    void unsubscribeStopsTheEventsOfThatSubscription() {
        TestTenant tenant = newTenant();
        try (WsClient client = WsClient.authenticated(port, tenant.api().token())) {
            String accounts = client.subscribe(List.of("shard.created"), List.of("c_account"));
            client.subscribe(List.of("shard.created"), List.of("c_task"));

            client.send(Api.object().put("type", "unsubscribe").put("id", accounts));
            JsonNode answer = client.next();
            assertThat(answer.get("type").asString()).isEqualTo("unsubscribed");
            assertThat(answer.get("ids").toString()).isEqualTo("[\"" + accounts + "\"]");
            tenant.account("Not wanted any more");
            JsonNode task = tenant.createShard("c_task", Api.object().put("title", "Still wanted"));
            assertThat(client.nextEvent().at("/data/id").asString()).isEqualTo(task.get("id").asString());

            ObjectNode byFilters = Api.object().put("type", "unsubscribe");
            byFilters.putArray("events").add("shard.created");
            byFilters.putArray("shardTypes").add("c_task");
            client.send(byFilters);
            assertThat(client.next().get("ids").size()).isEqualTo(1);
            tenant.createShard("c_task", Api.object().put("title", "Nobody listens"));
            assertThat(client.drain(QUIET)).isEmpty();
        }
    }

    @Test
    void badSubscriptionsAreAnsweredWithAnErrorAndTheSocketStaysOpen() {
        TestTenant tenant = newTenant();
        try (WsClient client = WsClient.authenticated(port, tenant.api().token())) {
            client.send(Api.parse("{\"type\": \"subscribe\", \"events\": \"shard.*\"}"));
            client.send(Api.parse("{\"type\": \"subscribe\", \"events\": [\"sh*rd\"]}"));
            client.send(Api.parse("{\"type\": \"dance\"}"));
            client.send(Api.parse("{\"type\": \"ping\"}"));

            assertThat(List.of(client.next(), client.next(), client.next())).extracting(m -> m.get("type").asString() + ":" + m.get("code")
                    .asString()).containsExactly("error:bad_request", "error:bad_request", "error:bad_request");
            assertThat(client.next().get("type").asString()).isEqualTo("pong");
            assertThat(client.closed).isNotDone();
        }
    }

    @Test
    void aFreshTokenOfAnotherUserIsRefused() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        try (WsClient client = WsClient.authenticated(port, tenant.api().token())) {
            client.send(Api.object().put("type", "auth").put("token", member.api().token()));

            assertThat(client.next().get("code").asString()).isEqualTo("auth_mismatch");
            assertThat(client.awaitClose().code()).isEqualTo(1008);
        }
    }

    static UUID id(JsonNode node) {
        return UUID.fromString(node.get("id").asString());
    }
}
