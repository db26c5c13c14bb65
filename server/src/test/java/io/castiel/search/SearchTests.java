package io.castiel.search;

import static io.castiel.search.Embeddings.awaitReady;
import static io.castiel.search.Embeddings.awaitStatus;
import static io.castiel.search.Notes.note;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** POST /search, GET /shards/{id}/similar and the embedding processor, with the real model. */
class SearchTests extends CastielTest {

    /** Three notes on unrelated subjects, embedded. */
    private static List<JsonNode> notes(TestTenant tenant) {
        List<JsonNode> notes = new ArrayList<>();
        notes.add(note(tenant.api(), "Northwind renewal call",
                "The customer said the new price list is far too expensive and they may not renew unless we offer a discount."));
        notes.add(note(tenant.api(), "Warehouse move", "Our logistics team relocates the Rotterdam warehouse to a bigger site in March."));
        notes.add(note(tenant.api(), "Team offsite", "The sales team meets in Lisbon for two days of planning and a dinner by the river."));
        notes.forEach(n -> awaitReady(tenant.api(), n));
        return notes;
    }

    private static List<String> ids(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("items").forEach(item -> ids.add(item.at("/shard/id").asString()));
        return ids;
    }

    private static Api.Response search(Api api, String query, String mode) {
        ObjectNode body = Api.object().put("query", query);
        if (mode != null) {
            body.put("mode", mode);
        }
        return api.post("search", body);
    }

    @Test
    void aParaphrasedQueryFindsItsShardByMeaning() {
        TestTenant tenant = newTenant();
        List<JsonNode> notes = notes(tenant);
        String renewal = notes.get(0).get("id").asString();

        Api.Response semantic = search(tenant.api(), "client unhappy about cost increase, churn risk", "semantic");
        Api.Response hybrid = search(tenant.api(), "client unhappy about cost increase, churn risk", null);
        Api.Response keyword = search(tenant.api(), "client unhappy about cost increase, churn risk", "keyword");

        assertThat(ids(semantic).get(0)).isEqualTo(renewal);
        assertThat(ids(hybrid).get(0)).isEqualTo(renewal);
        assertThat(ids(keyword)).as("none of the words occur in the note").doesNotContain(renewal);
        JsonNode top = semantic.json().at("/items/0");
        assertThat(top.get("highlights").get(0).asString()).contains("too expensive");
        assertThat(top.get("score").asDouble()).isGreaterThan(semantic.json().at("/items/1/score").asDouble());
    }

    @Test
    void keywordSearchRanksFullTextMatchesWithAnExcerpt() {
        TestTenant tenant = newTenant();
        List<JsonNode> notes = notes(tenant);

        Api.Response keyword = search(tenant.api(), "Rotterdam warehouse", "keyword");

        assertThat(ids(keyword)).containsExactly(notes.get(1).get("id").asString());
        assertThat(keyword.json().at("/items/0/highlights/0").asString()).contains("Rotterdam");
    }

    @Test
    void searchFiltersByTypesAndWhere() {
        TestTenant tenant = newTenant();
        JsonNode note = note(tenant.api(), "Solar panels", "We discussed installing solar panels on the factory roof.");
        JsonNode account = tenant.createShard("c_account", Api.object().put("name", "Sunny Roofs").put("industry", "Solar energy"));
        JsonNode other = tenant.createShard("c_account", Api.object().put("name", "Bright Panels").put("industry", "Photovoltaics"));
        awaitReady(tenant.api(), note);
        awaitReady(tenant.api(), account);
        awaitReady(tenant.api(), other);

        Api.Response accounts = tenant.api().post("search", Api.object().put("query", "solar power").set("types",
                Api.JSON.createArrayNode().add("c_account")));
        Api.Response filtered = tenant.api().post("search", Api.object().put("query", "solar power").set("where",
                Api.JSON.createArrayNode().add("industry:eq:Photovoltaics")));

        assertThat(ids(accounts)).containsExactlyInAnyOrder(account.get("id").asString(), other.get("id").asString());
        assertThat(ids(filtered)).containsExactly(other.get("id").asString());
    }

    @Test
    void tenantsNeverSeeEachOthersShardsThroughSearchAskOrSimilar() {
        TestTenant a = newTenant();
        TestTenant b = newTenant();
        JsonNode secret = note(a.api(), "Merger plan", "We plan to acquire Globex next quarter for forty million euros.");
        awaitReady(a.api(), secret);
        JsonNode own = note(b.api(), "Lunch", "The cafeteria menu changes on Mondays.");
        awaitReady(b.api(), own);

        for (String mode : List.of("keyword", "semantic", "hybrid")) {
            assertThat(ids(search(b.api(), "acquire Globex merger", mode))).as(mode).doesNotContain(secret.get("id").asString());
        }
        JsonNode answer = b.api().post("ask", Api.object().put("question", "Which company do we plan to acquire?")).json();
        Api.Response similar = b.api().get("shards/" + secret.get("id").asString() + "/similar");

        assertThat(answer.toString()).doesNotContain("Globex").doesNotContain(secret.get("id").asString());
        assertThat(similar.status()).isEqualTo(404);
        assertThat(ids(search(a.api(), "acquire Globex merger", "hybrid"))).contains(secret.get("id").asString());
    }

    @Test
    void shardsAnAclHidesNeverAppearForUsersWithoutRead() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        Api.Response created = tenant.api().post("shards", Api.object().put("shardType", "c_note")
                .<ObjectNode>set("structuredData", Api.object().put("title", "Board salaries"))
                .<ObjectNode>set("unstructuredData", Api.object().put("text", "Executive compensation rises by twelve percent next year."))
                .set("acl", Api.JSON.createArrayNode().add(Api.object().put("userId", tenant.ownerId().toString())
                        .set("permissions", Api.JSON.createArrayNode().add("read").add("write")))));
        JsonNode hidden = created.json();
        JsonNode visible = note(tenant.api(), "Pay review", "Salary reviews for engineers happen every spring.");
        awaitReady(tenant.api(), hidden);
        awaitReady(tenant.api(), visible);

        for (String mode : List.of("keyword", "semantic", "hybrid")) {
            List<String> seen = ids(search(member.api(), "executive compensation salaries", mode));
            assertThat(seen).as(mode).doesNotContain(hidden.get("id").asString());
        }
        List<String> memberSimilar = ids(member.api().get("shards/" + visible.get("id").asString() + "/similar"));
        JsonNode answer = member.api().post("ask", Api.object().put("question", "How much does executive compensation rise?")).json();

        assertThat(memberSimilar).doesNotContain(hidden.get("id").asString());
        assertThat(answer.toString()).doesNotContain(hidden.get("id").asString()).doesNotContain("twelve percent");
        assertThat(ids(search(tenant.api(), "executive compensation salaries", "hybrid"))).contains(hidden.get("id").asString());
    }

    @Test
    void aWriteQueuesItsEmbeddingInItsOwnTransactionWithoutAnEventPublication() {
        TestTenant tenant = newTenant();
        JsonNode shard = note(tenant.api(), "Queued", "Queued with the write that made it.");
        awaitReady(tenant.api(), shard);

        long publications = jdbc.sql("select count(*) from event_publication where listener_id like 'io.castiel.search.%' and serialized_event like ?")
                .param("%" + shard.get("id").asString() + "%").query(Long.class).single();
        assertThat(publications).isZero();
    }

    @Test
    void aDeletedShardLeavesTheResultsAndItsVectorsGo() {
        TestTenant tenant = newTenant();
        List<JsonNode> notes = notes(tenant);
        String warehouse = notes.get(1).get("id").asString();
        assertThat(ids(search(tenant.api(), "moving our storage facility", "semantic"))).contains(warehouse);

        assertThat(tenant.api().delete("shards/" + warehouse).status()).isEqualTo(204);
        awaitStatus(tenant.api(), warehouse, "none");

        for (String mode : List.of("keyword", "semantic", "hybrid")) {
            assertThat(ids(search(tenant.api(), "Rotterdam warehouse storage facility", mode))).as(mode).doesNotContain(warehouse);
        }
        long chunks = tenants.inTenant(tenant.id(), () -> jdbc.sql("select count(*) from shard_chunks where tenant_id = ? and shard_id = ?::uuid")
                .params(tenant.id(), warehouse).query(Long.class).single());
        assertThat(chunks).as("the embedding processor removes the chunks of deleted shards").isZero();

        assertThat(tenant.api().post("shards/" + warehouse + "/restore", Api.object()).status()).isEqualTo(200);
        awaitStatus(tenant.api(), warehouse, "ready");
        assertThat(ids(search(tenant.api(), "moving our storage facility", "semantic"))).contains(warehouse);
    }

    @Test
    void anUpdateReembedsChangedTextOnlyAndNewTextIsFound() {
        TestTenant tenant = newTenant();
        JsonNode note = note(tenant.api(), "Status", "The printer on the second floor is broken.");
        awaitReady(tenant.api(), note);
        String id = note.get("id").asString();
        String embeddedAt = embeddedAt(tenant, id);

        Api.Response tagged = tenant.api().patch("shards/" + id, Api.object().set("metadata", Api.object().set("tags",
                Api.JSON.createArrayNode().add("facilities"))));
        assertThat(tagged.json().get("embeddingStatus").asString()).as("a tag changes no text").isEqualTo("ready");
        Api.Response rewritten = tenant.api().patch("shards/" + id, Api.object().set("unstructuredData",
                Api.object().put("text", "Quarterly revenue grew thanks to the new subscription plans.")));
        assertThat(rewritten.json().get("embeddingStatus").asString()).isEqualTo("pending");
        awaitStatus(tenant.api(), id, "ready");

        assertThat(embeddedAt(tenant, id)).isNotEqualTo(embeddedAt);
        assertThat(ids(search(tenant.api(), "sales went up because of recurring billing", "semantic"))).startsWith(id);
    }

    @Test
    void similarShardsAreTheClosestInMeaning() {
        TestTenant tenant = newTenant();
        JsonNode pricing = note(tenant.api(), "Pricing complaint", "The buyer thinks our licence fees are too high compared to competitors.");
        JsonNode discount = note(tenant.api(), "Discount request", "They asked for a lower price before signing the renewal.");
        JsonNode picnic = note(tenant.api(), "Company picnic", "Bring sandwiches and a frisbee to the park on Saturday.");
        List.of(pricing, discount, picnic).forEach(n -> awaitReady(tenant.api(), n));

        List<String> similar = ids(tenant.api().get("shards/" + pricing.get("id").asString() + "/similar?limit=2"));

        assertThat(similar).containsExactly(discount.get("id").asString(), picnic.get("id").asString());
        assertThat(tenant.api().get("shards/" + pricing.get("id").asString() + "/similar?types=c_account").json().get("items")).isEmpty();
    }

    @Test
    void askAnswersExtractivelyWithCitationsWhenNoChatModelIsConfigured() {
        TestTenant tenant = newTenant();
        List<JsonNode> notes = notes(tenant);
        String renewal = notes.get(0).get("id").asString();

        JsonNode answer = tenant.api().post("ask", Api.object().put("question", "Why might Northwind not renew?")).json();

        assertThat(answer.get("mode").asString()).isEqualTo("extractive");
        assertThat(answer.get("answer").asString()).contains("too expensive").contains("[" + renewal + "]");
        assertThat(answer.at("/citations/0/shardId").asString()).isEqualTo(renewal);
        assertThat(answer.at("/citations/0/excerpt").asString()).contains("too expensive");
    }

    @Test
    void reindexIsAnAdminJobThatReembedsTheTenant() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        JsonNode note = note(tenant.api(), "Reindexed", "Every shard is embedded again after a reindex.");
        awaitReady(tenant.api(), note);
        String embeddedAt = embeddedAt(tenant, note.get("id").asString());

        assertThat(member.api().post("admin/reindex", Api.object()).status()).isEqualTo(403);
        Api.Response accepted = tenant.api().post("admin/reindex", Api.object());

        assertThat(accepted.status()).isEqualTo(202);
        awaitUntilReembedded(tenant, note.get("id").asString(), embeddedAt);
        awaitReady(tenant.api(), note);
    }

    @Test
    void changingATypesEmbedFieldsReembedsItsShards() {
        TestTenant tenant = newTenant();
        ObjectNode type = Api.object().put("name", "support_case");
        type.putObject("schema").put("type", "object").putObject("properties").putObject("details").put("type", "object");
        assertThat(tenant.api().post("shard-types", type).status()).isEqualTo(201);
        JsonNode shard = tenant.createShard("support_case", Api.object().put("subject", "Server down").set("details",
                Api.object().put("resolution", "Replaced the faulty power supply unit and the server boots again.")));
        awaitReady(tenant.api(), shard);
        assertThat(chunkText(tenant, shard.get("id").asString())).as("nested fields are embedded only when listed").doesNotContain("power supply");

        type.putArray("embedFields").add("/details/resolution");
        assertThat(tenant.api().put("shard-types/support_case", type).status()).isEqualTo(200);

        awaitUntilChunkContains(tenant, shard.get("id").asString(), "power supply");
        awaitReady(tenant.api(), shard);
    }

    @Test
    void badInputIsAProblem() {
        TestTenant tenant = newTenant();
        JsonNode note = note(tenant.api(), "Any", "Anything at all.");

        assertThat(tenant.api().post("search", Api.object().put("query", "  ")).status()).isEqualTo(400);
        assertThat(tenant.api().post("search", Api.object()).status()).isEqualTo(400);
        Api.Response mode = tenant.api().post("search", Api.object().put("query", "x").put("mode", "fuzzy"));
        assertThat(mode.status()).isEqualTo(400);
        assertThat(mode.contentType()).startsWith("application/problem+json");
        assertThat(mode.json().toString()).contains("/mode");
        assertThat(tenant.api().post("search", Api.object().put("query", "x").put("limit", 0)).status()).isEqualTo(400);
        assertThat(tenant.api().post("search", Api.object().put("query", "x").put("limit", 101)).status()).isEqualTo(400);
        assertThat(tenant.api().post("search", Api.object().put("query", "x").set("where", Api.JSON.createArrayNode().add("bad"))).status())
                .isEqualTo(400);
        assertThat(tenant.api().post("search", Api.object().put("query", "x").set("types", Api.JSON.createArrayNode().add("Bad Type"))).status())
                .isEqualTo(400);
        assertThat(tenant.api().post("search", Api.object().put("query", "x".repeat(1001))).status()).isEqualTo(400);
        assertThat(tenant.api().post("search", Api.object().put("query", "\"unbalanced (quote & | !")).status()).isEqualTo(200);
        assertThat(tenant.api().post("ask", Api.object().put("question", "")).status()).isEqualTo(400);
        assertThat(tenant.api().post("ask", Api.object().put("question", "why?").put("limit", 21)).status()).isEqualTo(400);
        assertThat(tenant.api().get("shards/" + note.get("id").asString() + "/similar?limit=0").status()).isEqualTo(400);
        assertThat(tenant.api().get("shards/not-a-uuid/similar").status()).isEqualTo(400);
        assertThat(anonymous.post("search", Api.object().put("query", "x")).status()).isEqualTo(401);
    }

    private String embeddedAt(TestTenant tenant, String shardId) {
        return tenants.inTenant(tenant.id(), () -> jdbc.sql("select embedded_at::text from shard_embeddings where tenant_id = ? and shard_id = ?::uuid")
                .params(tenant.id(), shardId).query(String.class).single());
    }

    private String chunkText(TestTenant tenant, String shardId) {
        return String.join("\n", tenants.inTenant(tenant.id(), () -> jdbc.sql("select content from shard_chunks where tenant_id = ? and shard_id = ?::uuid")
                .params(tenant.id(), shardId).query(String.class).list()));
    }

    private void awaitUntilChunkContains(TestTenant tenant, String shardId, String text) {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(90);
        while (!chunkText(tenant, shardId).contains(text)) {
            if (java.time.Instant.now().isAfter(deadline)) {
                throw new AssertionError("shard " + shardId + " was not embedded again with \"" + text + "\"");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private void awaitUntilReembedded(TestTenant tenant, String shardId, String before) {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(90);
        while (embeddedAt(tenant, shardId).equals(before)) {
            if (java.time.Instant.now().isAfter(deadline)) {
                throw new AssertionError("the reindex did not re-embed shard " + shardId);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
