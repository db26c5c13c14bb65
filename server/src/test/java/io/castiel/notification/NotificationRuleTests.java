package io.castiel.notification;

import static io.castiel.notification.NotificationTests.awaitMail;
import static io.castiel.notification.NotificationTests.awaitNotifications;
import static io.castiel.notification.NotificationTests.items;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Users' rules "notify me when a shard of type X matching where is created/updated": they fire
 * for matching shards of their type and event only, never for a shard their owner may not read,
 * never across tenants; invalid rules are refused like an invalid {@code GET /shards} filter.
 */
class NotificationRuleTests extends CastielTest {

    @Test
    void aRuleFiresForMatchingCreatesAndUpdatesOnly() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        Api.Response created = member.api().post("notification-rules", rule("c_opportunity", List.of("shard.created", "shard.updated"),
                List.of("amount:gte:10000", "stage:ne:lost")).put("name", "Big deals"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("shardType").asString()).isEqualTo("c_opportunity");
        assertThat(created.json().get("where")).hasSize(2);
        assertThat(created.json().has("userId")).isFalse();

        JsonNode small = tenant.createShard("c_opportunity", opportunity("Small", 500));
        tenant.createShard("c_opportunity", opportunity("Lost big", 50_000).put("stage", "lost"));
        tenant.createShard("c_account", Api.object().put("name", "Big account").put("amount", 90_000));
        JsonNode big = tenant.createShard("c_opportunity", opportunity("Big", 25_000));

        List<JsonNode> notifications = awaitNotifications(member.api(), 1);
        assertThat(notifications).hasSize(1);
        JsonNode first = notifications.get(0);
        assertThat(first.get("kind").asString()).isEqualTo("rule.matched");
        assertThat(first.get("title").asString()).startsWith("Big deals: ").contains("\"Big\"").contains("created");
        assertThat(first.get("link").asString()).isEqualTo("/shards/" + big.get("id").asString());
        assertThat(awaitMail(member.email(), "Big deals").text()).contains("/shards/" + big.get("id").asString());

        // An update that makes a shard match fires; one that leaves it unmatched does not.
        assertThat(tenant.api().patch("shards/" + small.get("id").asString(),
                Api.object().set("structuredData", Api.object().put("amount", 700))).status()).isEqualTo(200);
        assertThat(tenant.api().patch("shards/" + small.get("id").asString(),
                Api.object().set("structuredData", Api.object().put("amount", 12_000))).status()).isEqualTo(200);
        notifications = awaitNotifications(member.api(), 2);
        assertThat(notifications).hasSize(2);
        assertThat(notifications.get(0).get("title").asString()).contains("\"Small\"").contains("updated");
        assertThat(notifications.get(0).get("link").asString()).isEqualTo("/shards/" + small.get("id").asString());

        Consumers.awaitIdle(jdbc, tenant.id());
        assertThat(items(member.api().get("notifications"))).hasSize(2);
        assertThat(items(tenant.api().get("notifications"))).isEmpty();
    }

    @Test
    void onlyWritesThatMatchARuleCostAnOutboxPublication() {
        TestTenant tenant = newTenant();
        JsonNode before = tenant.account("Written before any rule");
        assertThat(tenant.api().post("notification-rules", rule("c_opportunity", List.of("shard.created"), List.of("amount:gte:1000")))
                .status()).isEqualTo(201);
        JsonNode otherType = tenant.account("Another type");
        JsonNode unmatched = tenant.createShard("c_opportunity", opportunity("Too small", 10));
        JsonNode matched = tenant.createShard("c_opportunity", opportunity("Large", 5_000));

        awaitNotifications(tenant.api(), 1);
        assertThat(publicationsMentioning(before)).isZero();
        assertThat(publicationsMentioning(otherType)).isZero();
        assertThat(publicationsMentioning(unmatched)).isZero();
        assertThat(publicationsMentioning(matched)).isEqualTo(1);
    }

    private long publicationsMentioning(JsonNode shard) {
        return jdbc.sql("select count(*) from event_publication where listener_id like 'io.castiel.notification.%' and serialized_event like ?")
                .param("%" + shard.get("id").asString() + "%").query(Long.class).single();
    }

    @Test
    void aRuleForCreatesIgnoresUpdatesAndADeletedRuleStopsFiring() {
        TestTenant tenant = newTenant();
        Api.Response created = tenant.api().post("notification-rules", rule("c_account", List.of("shard.created"), List.of()));
        assertThat(created.status()).isEqualTo(201);
        JsonNode account = tenant.account("Acme");
        awaitNotifications(tenant.api(), 1);
        tenant.api().patch("shards/" + account.get("id").asString(), Api.object().set("structuredData", Api.object().put("industry", "x")));

        assertThat(tenant.api().get("notification-rules").json().get("items")).hasSize(1);
        assertThat(tenant.api().delete("notification-rules/" + created.json().get("id").asString()).status()).isEqualTo(204);
        assertThat(tenant.api().get("notification-rules").json().get("items")).isEmpty();
        tenant.account("After the rule");

        Consumers.awaitIdle(jdbc, tenant.id());
        List<JsonNode> notifications = awaitNotifications(tenant.api(), 1);
        assertThat(notifications).hasSize(1);
        assertThat(notifications.get(0).get("title").asString()).contains("\"Acme\"");
        assertThat(tenant.api().delete("notification-rules/" + created.json().get("id").asString()).status()).isEqualTo(404);
    }

    @Test
    void aRuleNeverTellsItsOwnerAboutAShardTheyMayNotRead() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        TestTenant.Member colleague = addUser(tenant, "member");
        assertThat(member.api().post("notification-rules", rule("c_account", List.of("shard.created"), List.of())).status())
                .isEqualTo(201);

        JsonNode restricted = Api.object().put("shardType", "c_account").set("structuredData", Api.object().put("name", "Secret"));
        ((ObjectNode) restricted).set("acl", Api.JSON.createArrayNode().add(Api.object().put("userId", colleague.id().toString())
                .set("permissions", Api.JSON.createArrayNode().add("read"))));
        assertThat(tenant.api().post("shards", restricted).status()).isEqualTo(201);
        tenant.account("Open");

        List<JsonNode> notifications = awaitNotifications(member.api(), 1);
        Consumers.awaitIdle(jdbc, tenant.id());
        assertThat(items(member.api().get("notifications"))).hasSize(1);
        assertThat(notifications.get(0).get("title").asString()).contains("\"Open\"");
    }

    @Test
    void rulesStayInTheirTenant() {
        TestTenant tenant = newTenant();
        TestTenant other = newTenant();
        Api.Response created = tenant.api().post("notification-rules", rule("c_account", List.of("shard.created"), List.of()));
        String ruleId = created.json().get("id").asString();

        other.account("Elsewhere");
        tenant.account("Here");

        List<JsonNode> notifications = awaitNotifications(tenant.api(), 1);
        Consumers.awaitIdle(jdbc, other.id());
        Consumers.awaitIdle(jdbc, tenant.id());
        assertThat(items(tenant.api().get("notifications"))).hasSize(1);
        assertThat(notifications.get(0).get("title").asString()).contains("\"Here\"");
        assertThat(items(other.api().get("notifications"))).isEmpty();
        assertThat(other.api().get("notification-rules/" + ruleId).status()).isEqualTo(404);
        assertThat(other.api().delete("notification-rules/" + ruleId).status()).isEqualTo(404);
        assertThat(other.api().get("notification-rules").json().get("items")).isEmpty();
    }

    @Test
    void aUsersRulesAreTheirOwn() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        String ruleId = member.api().post("notification-rules", rule("c_account", List.of("shard.created"), List.of()))
                .json().get("id").asString();

        assertThat(tenant.api().get("notification-rules").json().get("items")).isEmpty();
        assertThat(tenant.api().delete("notification-rules/" + ruleId).status()).isEqualTo(404);
        assertThat(member.api().get("notification-rules/" + ruleId).status()).isEqualTo(200);
    }

    @Test
    void invalidRulesAreBadRequestsWithPointers() {
        TestTenant tenant = newTenant();
        assertInvalid(tenant.api().post("notification-rules", rule("c_account", List.of("shard.created"), List.of("amount:between:1"))),
                "/where");
        assertInvalid(tenant.api().post("notification-rules", rule("c_account", List.of("shard.created"), List.of("bad field:eq:1"))),
                "/where");
        assertInvalid(tenant.api().post("notification-rules", rule("c_account", List.of("shard.created"), List.of("amount:gte"))),
                "/where");
        assertInvalid(tenant.api().post("notification-rules", rule("c_account", List.of("user.created"), List.of())), "/events/0");
        assertInvalid(tenant.api().post("notification-rules", rule("c_account", List.of(), List.of())), "/events");
        assertInvalid(tenant.api().post("notification-rules", rule("no_such_type", List.of("shard.created"), List.of())), "/shardType");
        assertInvalid(tenant.api().post("notification-rules", rule("Bad Type", List.of("shard.created"), List.of())), "/shardType");
        assertThat(tenant.api().post("notification-rules", Api.object()).status()).isEqualTo(400);
        assertThat(tenant.api().raw("POST", "notification-rules", "{\"shardType\": 3, \"events\": \"x\"}", "application/json").status())
                .isEqualTo(400);
        assertThat(tenant.api().get("notification-rules/not-a-uuid").status()).isEqualTo(400);
        assertThat(tenant.api().get("notification-rules").json().get("items")).isEmpty();
    }

    private static void assertInvalid(Api.Response response, String pointer) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("pointer").asString()).isEqualTo(pointer);
    }

    private static ObjectNode rule(String shardType, List<String> events, List<String> where) {
        ObjectNode rule = Api.object().put("shardType", shardType);
        rule.set("events", Api.JSON.valueToTree(events));
        rule.set("where", Api.JSON.valueToTree(where));
        return rule;
    }

    private static ObjectNode opportunity(String name, int amount) {
        return Api.object().put("name", name).put("amount", amount).put("stage", "open");
    }
}
