package io.castiel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A tenant sees nothing of another: every foreign resource answers exactly as if it did not exist. */
class TenantIsolationTests extends CastielTest {

    private static final Random RANDOM = new Random();

    @Test
    void anotherTenantsShardIsNotFoundForEveryShardEndpoint() {
        TestTenant a = newTenant();
        TestTenant b = newTenant();
        JsonNode shard = a.account("Secret Corp");
        String id = shard.get("id").asString();
        a.api().patch("shards/" + id, Api.object().set("structuredData", Api.object().put("industry", "Defense")));

        List<Api.Response> responses = List.of(
                b.api().get("shards/" + id),
                b.api().get("shards/" + id + "?includeDeleted=true"),
                b.api().patch("shards/" + id, Api.object().set("structuredData", Api.object().put("name", "Pwned"))),
                b.api().delete("shards/" + id),
                b.api().delete("shards/" + id + "?permanent=true"),
                b.api().post("shards/" + id + "/restore", Api.object()),
                b.api().get("shards/" + id + "/revisions"),
                b.api().get("shards/" + id + "/revisions/1"),
                b.api().post("shards/" + id + "/revisions/1/revert", Api.object()),
                b.api().get("shards/" + id + "/relationships"),
                b.api().get("shards/" + id + "/graph"));

        for (Api.Response response : responses) {
            assertNotFound(response);
        }
        Api.Response own = a.api().get("shards/" + id);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("revision").asInt()).as("B changed nothing").isEqualTo(2);
        assertThat(own.json().at("/structuredData/name").asString()).isEqualTo("Secret Corp");
        assertThat(own.json().get("status").asString()).isEqualTo("active");
    }

    @Test
    void anotherTenantsShardAnswersLikeAShardThatDoesNotExist() {
        TestTenant a = newTenant();
        TestTenant b = newTenant();
        String foreign = a.account("Secret Corp").get("id").asString();
        String unknown = java.util.UUID.randomUUID().toString();

        Api.Response foreignAnswer = b.api().get("shards/" + foreign);
        Api.Response unknownAnswer = b.api().get("shards/" + unknown);

        assertThat(foreignAnswer.status()).isEqualTo(unknownAnswer.status()).isEqualTo(404);
        assertThat(foreignAnswer.json().get("title")).isEqualTo(unknownAnswer.json().get("title"));
        assertThat(foreignAnswer.json().get("detail").asString().replace(foreign, "ID"))
                .isEqualTo(unknownAnswer.json().get("detail").asString().replace(unknown, "ID"));
    }

    @Test
    void anotherTenantsDeletedShardCannotBeRestoredOrSeen() {
        TestTenant a = newTenant();
        TestTenant b = newTenant();
        String id = a.account("Deleted Corp").get("id").asString();
        assertThat(a.api().delete("shards/" + id).status()).isEqualTo(204);

        assertNotFound(b.api().get("shards/" + id + "?includeDeleted=true"));
        assertNotFound(b.api().post("shards/" + id + "/restore", Api.object()));
        assertNotFound(b.api().get("shards/" + id + "/revisions"));
        assertThat(a.api().get("shards/" + id).status()).as("still deleted for A").isEqualTo(404);
        assertThat(a.api().get("shards/" + id + "?includeDeleted=true").json().get("status").asString()).isEqualTo("deleted");
    }

    @Test
    void shardListsNeverContainAnotherTenantsShards() {
        TestTenant a = newTenant();
        TestTenant b = newTenant();
        String name = "Isolated" + letters(8);
        String word = "zq" + letters(10);
        String tag = "tag-" + letters(6);
        JsonNode aShard = createShard(a, "c_account", Api.object().put("name", name).put("industry", "Mining"), word, tag);
        JsonNode aDeleted = createShard(a, "c_account", Api.object().put("name", name).put("industry", "Mining"), word, tag);
        a.api().delete("shards/" + aDeleted.get("id").asString());
        JsonNode bShard = createShard(b, "c_account", Api.object().put("name", name).put("industry", "Mining"), word, tag);
        JsonNode bDeleted = createShard(b, "c_account", Api.object().put("name", name).put("industry", "Mining"), word, tag);
        b.api().delete("shards/" + bDeleted.get("id").asString());
        Set<String> aIds = Set.of(aShard.get("id").asString(), aDeleted.get("id").asString());
        String bId = bShard.get("id").asString();

        List<String> queries = List.of(
                "",
                "?type=c_account",
                "?where=" + encode("name:eq:" + name),
                "?where=" + encode("industry:eq:Mining") + "&where=" + encode("name:eq:" + name),
                "?where=" + encode("name:exists:true"),
                "?q=" + word,
                "?tag=" + tag,
                "?type=c_account&q=" + word + "&where=" + encode("name:eq:" + name),
                "?sort=-updatedAt",
                "?limit=500");
        for (String query : queries) {
            List<String> ids = listAll(b, "shards" + query);
            assertThat(ids).as("B's shards%s", query).contains(bId).doesNotContainAnyElementsOf(aIds);
        }
        List<String> deleted = listAll(b, "shards?status=deleted");
        assertThat(deleted).contains(bDeleted.get("id").asString()).doesNotContainAnyElementsOf(aIds);
        assertThat(listAll(a, "shards?q=" + word)).as("A sees its own").contains(aShard.get("id").asString()).doesNotContain(bId);
    }

    @Test
    void aTenantCannotLinkToOrFromAnotherTenantsShard() {
        TestTenant a = newTenant();
        TestTenant b = newTenant();
        JsonNode aShard = a.account("A Corp");
        JsonNode aOther = a.account("A Other");
        JsonNode bShard = b.account("B Corp");

        Api.Response toForeign = b.api().post("relationships", edge(bShard, aShard, "partner_of"));
        Api.Response fromForeign = b.api().post("relationships", edge(aShard, bShard, "partner_of"));
        Api.Response bothForeign = b.api().post("relationships", edge(aShard, aOther, "partner_of"));

        assertNotFound(toForeign);
        assertNotFound(fromForeign);
        assertNotFound(bothForeign);
        assertThat(a.api().get("shards/" + aShard.get("id").asString() + "/relationships").json().get("items")).isEmpty();
        assertThat(b.api().get("shards/" + bShard.get("id").asString() + "/relationships").json().get("items")).isEmpty();
    }

    @Test
    void aTenantCannotDeleteAnotherTenantsRelationship() {
        TestTenant a = newTenant();
        TestTenant b = newTenant();
        JsonNode x = a.account("X");
        JsonNode y = a.account("Y");
        String relationship = a.link(x, y, "partner_of");

        assertNotFound(b.api().delete("relationships/" + relationship));

        assertThat(a.api().get("shards/" + x.get("id").asString() + "/relationships").json().get("items")).hasSize(1);
    }

    @Test
    void aGraphNeverReachesIntoAnotherTenant() {
        TestTenant a = newTenant();
        TestTenant b = newTenant();
        JsonNode x = a.account("X");
        JsonNode y = a.account("Y");
        a.link(x, y, "partner_of");
        JsonNode mine = b.account("Mine");

        JsonNode graph = b.api().get("shards/" + mine.get("id").asString() + "/graph?depth=5").json();

        assertThat(graph.get("nodes")).hasSize(1);
        assertThat(graph.get("edges")).isEmpty();
    }

    @Test
    void theAuditLogShowsNoneOfAnotherTenantsRows() {
        TestTenant a = newTenant();
        JsonNode x = a.account("X");
        JsonNode y = a.account("Y");
        String relationship = a.link(x, y, "partner_of");
        a.api().delete("shards/" + y.get("id").asString());
        TestTenant b = newTenant();
        b.account("Mine");

        List<JsonNode> aRows = auditRows(a);
        List<JsonNode> bRows = auditRows(b);

        assertThat(aRows).isNotEmpty();
        assertThat(bRows).isNotEmpty();
        Set<String> aRowIds = new HashSet<>();
        aRows.forEach(row -> aRowIds.add(row.get("id").asString()));
        Set<String> aResources = Set.of(x.get("id").asString(), y.get("id").asString(), relationship, a.ownerId().toString(),
                a.id().toString());
        for (JsonNode row : bRows) {
            assertThat(aRowIds).doesNotContain(row.get("id").asString());
            assertThat(aResources).doesNotContain(row.path("resourceId").asString(""));
            assertThat(row.path("actorId").asString("")).isNotEqualTo(a.ownerId().toString());
        }
        for (String resource : aResources) {
            assertThat(b.api().get("audit-logs?resourceId=" + resource).json().get("items")).as(resource).isEmpty();
        }
        assertThat(b.api().get("audit-logs?actorId=" + a.ownerId()).json().get("items")).isEmpty();
        assertThat(b.api().get("audit-logs/verify").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void shardTypesOfAnotherTenantAreInvisible() {
        TestTenant a = newTenant();
        TestTenant b = newTenant();
        String typeName = "secret_" + letters(8);
        Api.Response created = a.api().post("shard-types", customType(typeName));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        JsonNode bTypes = b.api().get("shard-types").json();
        List<String> bNames = new ArrayList<>();
        bTypes.get("items").forEach(t -> bNames.add(t.get("name").asString()));

        assertThat(bNames).contains("c_account").doesNotContain(typeName);
        assertNotFound(b.api().get("shard-types/" + typeName));
        assertNotFound(b.api().put("shard-types/" + typeName, customType(typeName)));
        assertNotFound(b.api().delete("shard-types/" + typeName));
        assertThat(a.api().get("shard-types/" + typeName).status()).isEqualTo(200);
    }

    @Test
    void aTenantCannotCreateAShardOfAnotherTenantsType() {
        TestTenant a = newTenant();
        TestTenant b = newTenant();
        String typeName = "secret_" + letters(8);
        assertThat(a.api().post("shard-types", customType(typeName)).status()).isEqualTo(201);

        Api.Response response = b.api().post("shards", Api.object().put("shardType", typeName)
                .set("structuredData", Api.object().put("name", "Sneaky")));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().at("/errors/0/pointer").asString()).isEqualTo("/shardType");
        assertThat(a.api().post("shards", Api.object().put("shardType", typeName)
                .set("structuredData", Api.object().put("name", "Fine"))).status()).as("A can").isEqualTo(201);
    }

    @Test
    void aTenantMayReuseTheNameOfAnotherTenantsType() {
        TestTenant a = newTenant();
        TestTenant b = newTenant();
        String typeName = "shared_" + letters(8);

        assertThat(a.api().post("shard-types", customType(typeName)).status()).isEqualTo(201);
        assertThat(b.api().post("shard-types", customType(typeName)).status()).isEqualTo(201);
    }

    @Test
    void idempotencyKeysAreScopedToTheTenant() {
        TestTenant a = newTenant();
        TestTenant b = newTenant();
        String key = "same-key-" + letters(8);
        ObjectNode body = Api.object().put("shardType", "c_account");
        body.set("structuredData", Api.object().put("name", "Same body"));

        Api.Response fromA = a.api().withHeader("Idempotency-Key", key).post("shards", body);
        Api.Response fromB = b.api().withHeader("Idempotency-Key", key).post("shards", body);

        assertThat(fromA.status()).isEqualTo(201);
        assertThat(fromB.status()).isEqualTo(201);
        assertThat(fromB.header("Idempotent-Replayed")).isNull();
        assertThat(fromB.json().get("id")).isNotEqualTo(fromA.json().get("id"));
        assertThat(fromB.json().get("tenantId").asString()).isEqualTo(b.id().toString());
        assertNotFound(b.api().get("shards/" + fromA.json().get("id").asString()));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void assertNotFound(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("status").asInt()).isEqualTo(404);
        assertThat(body.hasNonNull("title")).isTrue();
        assertThat(body.hasNonNull("detail")).isTrue();
    }

    private static JsonNode createShard(TestTenant tenant, String type, ObjectNode data, String word, String tag) {
        ObjectNode body = Api.object().put("shardType", type);
        body.set("structuredData", data);
        body.set("unstructuredData", Api.object().put("text", "notes mentioning " + word));
        body.set("metadata", Api.object().set("tags", Api.JSON.createArrayNode().add(tag)));
        Api.Response response = tenant.api().post("shards", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private static List<String> listAll(TestTenant tenant, String path) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String separator = path.contains("?") ? "&" : "?";
            Api.Response page = tenant.api().get(path + (cursor == null ? "" : separator + "cursor=" + cursor));
            assertThat(page.status()).as(path + " " + page).isEqualTo(200);
            page.json().get("items").forEach(item -> ids.add(item.get("id").asString()));
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null && ++pages < 100);
        return ids;
    }

    private static List<JsonNode> auditRows(TestTenant tenant) {
        List<JsonNode> rows = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Response page = tenant.api().get("audit-logs?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("items").forEach(rows::add);
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null && ++pages < 100);
        return rows;
    }

    private static ObjectNode customType(String name) {
        ObjectNode schema = Api.object().put("type", "object");
        schema.set("properties", Api.object().set("name", Api.object().put("type", "string")));
        schema.set("required", Api.JSON.createArrayNode().add("name"));
        ObjectNode body = Api.object().put("name", name).put("displayName", "Secret type");
        body.set("schema", schema);
        return body;
    }

    private static ObjectNode edge(JsonNode source, JsonNode target, String type) {
        return Api.object().put("sourceId", source.get("id").asString()).put("targetId", target.get("id").asString()).put("type", type);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String letters(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return s.toString();
    }
}
