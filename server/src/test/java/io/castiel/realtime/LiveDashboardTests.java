package io.castiel.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Live dashboards on {@code /ws}: a watched dashboard is told which widgets a committed write made
 * stale, at most once a second and without losing a change, and only a dashboard its user may see
 * can be watched.
 */
class LiveDashboardTests extends CastielTest {

    private static final Duration QUIET = Duration.ofMillis(1_500);

    /** Widgets over opportunities, accounts grouped through a relationship, and a text: what each reads differs. */
    private static ObjectNode dashboard(String visibility) {
        ObjectNode body = Api.object().put("name", "Live").put("visibility", visibility);
        ArrayNode widgets = body.putArray("widgets");
        widgets.addObject().put("id", "deals").put("kind", "kpi").put("title", "Deals")
                .set("query", Api.parse("{\"shardType\": \"c_opportunity\", \"measures\": [{\"fn\": \"count\"}]}"));
        widgets.addObject().put("id", "by-industry").put("kind", "bar").put("title", "By industry")
                .set("query", Api.parse("{\"shardType\": \"c_account\", \"groupBy\": [\"industry\"], \"measures\": [{\"fn\": \"count\"}]}"));
        widgets.addObject().put("id", "by-account").put("kind", "table").put("title", "By account")
                .set("query", Api.parse("{\"shardType\": \"c_contact\", \"groupBy\": [\"related:has_contact:in.name\"],"
                        + " \"measures\": [{\"fn\": \"count\"}]}"));
        widgets.addObject().put("id", "note").put("kind", "text").put("title", "Note");
        ArrayNode layout = body.putArray("layout");
        layout.addObject().put("widgetId", "deals").put("x", 0).put("y", 0).put("w", 3).put("h", 2);
        layout.addObject().put("widgetId", "by-industry").put("x", 3).put("y", 0).put("w", 3).put("h", 2);
        layout.addObject().put("widgetId", "by-account").put("x", 6).put("y", 0).put("w", 3).put("h", 2);
        layout.addObject().put("widgetId", "note").put("x", 9).put("y", 0).put("w", 3).put("h", 2);
        return body;
    }

    private static String create(Api api, String visibility) {
        Api.Response created = api.post("dashboards", dashboard(visibility));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private static JsonNode watch(WsClient client, String dashboardId) {
        client.send(Api.object().put("type", "watch").put("dashboardId", dashboardId));
        return client.next();
    }

    private static List<String> widgetIds(JsonNode stale) {
        List<String> ids = new ArrayList<>();
        stale.get("widgetIds").forEach(id -> ids.add(id.asString()));
        return ids;
    }

    private static ObjectNode opportunity(String name) {
        return Api.object().put("shardType", "c_opportunity").set("structuredData", Api.object().put("name", name).put("amount", 1000));
    }

    @Test
    void aWriteOfTheWatchedTypeMakesItsWidgetsStale() {
        TestTenant tenant = newTenant();
        String id = create(tenant.api(), "tenant");
        TestTenant.Member member = addUser(tenant, "member");
        try (WsClient client = WsClient.authenticated(port, member.api().token())) {
            JsonNode watching = watch(client, id);

            tenant.api().post("shards", opportunity("Big deal"));
            JsonNode stale = client.next();

            assertThat(watching.get("type").asString()).isEqualTo("watching");
            assertThat(watching.get("dashboardId").asString()).isEqualTo(id);
            assertThat(stale.get("type").asString()).isEqualTo("dashboard.stale");
            assertThat(stale.get("dashboardId").asString()).isEqualTo(id);
            // The relationship-grouped widget may read any type, so it is stale too; the text widget never is.
            assertThat(widgetIds(stale)).containsExactlyInAnyOrder("deals", "by-account");
        }
    }

    @Test
    void aWriteOfAnUnrelatedTypeSendsNothing() {
        TestTenant tenant = newTenant();
        ObjectNode body = dashboard("private");
        ((ArrayNode) body.get("widgets")).remove(2);
        ((ArrayNode) body.get("layout")).remove(2);
        Api.Response created = tenant.api().post("dashboards", body);
        try (WsClient client = WsClient.authenticated(port, tenant.api().token())) {
            watch(client, created.json().get("id").asString());

            tenant.createShard("c_note", Api.object().put("title", "Unrelated"));

            assertThat(client.drain(QUIET)).isEmpty();
        }
    }

    @Test
    void aRelationshipChangeMakesRelationshipGroupedWidgetsStale() {
        TestTenant tenant = newTenant();
        JsonNode account = tenant.account("Acme");
        JsonNode contact = tenant.createShard("c_contact", Api.object().put("lastName", "Lovelace"));
        String id = create(tenant.api(), "private");
        try (WsClient client = WsClient.authenticated(port, tenant.api().token())) {
            watch(client, id);

            tenant.link(account, contact, "has_contact");
            JsonNode stale = client.next();

            assertThat(widgetIds(stale)).containsExactly("by-account");
        }
    }

    @Test
    void staleMessagesComeAtMostOnceASecondAndLoseNoChange() {
        TestTenant tenant = newTenant();
        String id = create(tenant.api(), "private");
        try (WsClient client = WsClient.authenticated(port, tenant.api().token())) {
            watch(client, id);

            tenant.api().post("shards", opportunity("First"));
            JsonNode first = client.next();
            long firstAt = System.nanoTime();
            ObjectNode bulk = Api.object();
            ArrayNode items = bulk.putArray("items");
            for (int i = 0; i < 5; i++) {
                items.add(opportunity("Burst " + i));
            }
            tenant.api().post("shards/bulk", bulk);
            tenant.account("Also in the burst");
            JsonNode merged = client.next();
            long gap = System.nanoTime() - firstAt;
            List<JsonNode> after = client.drain(QUIET);

            assertThat(widgetIds(first)).contains("deals");
            assertThat(merged.get("type").asString()).isEqualTo("dashboard.stale");
            // Six writes after the first message: merged into at most two messages, the burst's widgets all named.
            List<String> named = new ArrayList<>(widgetIds(merged));
            after.forEach(message -> named.addAll(widgetIds(message)));
            assertThat(named).contains("deals", "by-industry");
            assertThat(after).hasSizeLessThanOrEqualTo(1);
            assertThat(Duration.ofNanos(gap)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        }
    }

    @Test
    void watchOfAnInvisibleOrUnknownDashboardIsRefused() {
        TestTenant tenant = newTenant();
        TestTenant.Member author = addUser(tenant, "member");
        TestTenant.Member other = addUser(tenant, "member");
        String hidden = create(author.api(), "private");
        TestTenant foreign = newTenant();
        String foreignId = create(foreign.api(), "tenant");
        try (WsClient client = WsClient.authenticated(port, other.api().token())) {
            JsonNode invisible = watch(client, hidden);
            JsonNode unknown = watch(client, java.util.UUID.randomUUID().toString());
            JsonNode otherTenant = watch(client, foreignId);
            JsonNode malformed = watch(client, "not-an-id");
            client.send(Api.object().put("type", "watch"));
            JsonNode missing = client.next();

            author.api().post("shards", opportunity("Unseen"));

            assertThat(invisible.get("type").asString()).isEqualTo("error");
            assertThat(invisible.get("code").asString()).isEqualTo("not_found");
            assertThat(unknown.get("code").asString()).isEqualTo("not_found");
            assertThat(otherTenant.get("code").asString()).isEqualTo("not_found");
            assertThat(malformed.get("code").asString()).isEqualTo("bad_request");
            assertThat(missing.get("code").asString()).isEqualTo("bad_request");
            assertThat(client.drain(QUIET)).isEmpty();
        }
    }

    @Test
    void unwatchStopsStaleMessages() {
        TestTenant tenant = newTenant();
        String id = create(tenant.api(), "private");
        try (WsClient client = WsClient.authenticated(port, tenant.api().token())) {
            watch(client, id);
            client.send(Api.object().put("type", "unwatch").put("dashboardId", id));
            JsonNode unwatched = client.next();

            tenant.api().post("shards", opportunity("After unwatch"));

            assertThat(unwatched.get("type").asString()).isEqualTo("unwatched");
            assertThat(client.drain(QUIET)).isEmpty();
        }
    }

    @Test
    void aDashboardMadePrivateByItsOwnerEndsAnotherUsersWatch() {
        TestTenant tenant = newTenant();
        TestTenant.Member author = addUser(tenant, "member");
        TestTenant.Member other = addUser(tenant, "member");
        String id = create(author.api(), "tenant");
        try (WsClient client = WsClient.authenticated(port, other.api().token())) {
            watch(client, id);

            author.api().patch("dashboards/" + id, Api.object().put("visibility", "private"));
            JsonNode ended = client.next();
            author.api().post("shards", opportunity("Unseen"));

            assertThat(ended.get("type").asString()).isEqualTo("error");
            assertThat(ended.get("code").asString()).isEqualTo("watch_ended");
            assertThat(ended.get("dashboardId").asString()).isEqualTo(id);
            assertThat(client.drain(QUIET)).isEmpty();
        }
    }

    @Test
    void aChangedDashboardIsStaleAsAWhole() {
        TestTenant tenant = newTenant();
        String id = create(tenant.api(), "private");
        try (WsClient client = WsClient.authenticated(port, tenant.api().token())) {
            watch(client, id);

            tenant.api().patch("dashboards/" + id, Api.object().put("name", "Renamed"));
            JsonNode stale = client.next();

            assertThat(widgetIds(stale)).containsExactlyInAnyOrder("deals", "by-industry", "by-account", "note");
        }
    }
}
