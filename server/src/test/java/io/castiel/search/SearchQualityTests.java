package io.castiel.search;

import static io.castiel.search.Embeddings.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Search quality levers of bench/README.md ("Search (issue 6)") through the HTTP stack, with the
 * real model: sentence vectors beside chunk vectors, the hubness correction of the query, and the
 * hybrid keyword leg. The corpus is 22 shards of the evaluation set
 * (bench/search/eval/shards.json): a brewer's contact card and call note that tell of his offer to
 * present at our user conference, among the shards that used to outrank them for questions about
 * it (with chunk vectors alone, both ranked 14th and 16th by meaning, absent from the hybrid top 10).
 * Sentence vectors are on by default.
 */
class SearchQualityTests extends CastielTest {

    private static final String QUESTION = "does any pleased customer want to speak at our yearly gathering?";

    /** The corpus loaded into the tenant and embedded: evaluation key to shard id. */
    static Map<String, String> loadCorpus(Api api) throws IOException {
        JsonNode corpus;
        try (InputStream in = SearchQualityTests.class.getResourceAsStream("/search/brewery-corpus.json")) {
            corpus = Api.JSON.readTree(in);
        }
        ObjectNode body = Api.object();
        ArrayNode items = body.putArray("items");
        List<String> keys = new ArrayList<>();
        corpus.forEach(entry -> {
            items.add(entry.get("shard"));
            keys.add(entry.get("key").asString());
        });
        Api.Response response = api.post("shards/bulk", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Map<String, String> ids = new HashMap<>();
        response.json().get("results").forEach(result -> {
            assertThat(result.get("status").asInt()).as(result.toString()).isEqualTo(201);
            ids.put(keys.get(result.get("index").asInt()), result.get("id").asString());
        });
        ids.values().forEach(id -> awaitStatus(api, id, "ready"));
        return ids;
    }

    static List<JsonNode> search(Api api, String mode) {
        Api.Response response = api.post("search", Api.object().put("query", QUESTION).put("mode", mode).put("limit", 10));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        response.json().get("items").forEach(items::add);
        return items;
    }

    static List<String> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.at("/shard/id").asString()).toList();
    }

    @Test
    void aQuestionAboutOneSentenceOfAShardFindsItAmongGenericShardsWithItsWholeChunkAsHighlight() throws IOException {
        Api tenant = newTenant().api();
        Map<String, String> ids = loadCorpus(tenant);
        String contact = ids.get("cont-007");
        String call = ids.get("call-002");

        List<JsonNode> hybrid = search(tenant, "hybrid");
        List<JsonNode> semantic = search(tenant, "semantic");

        assertThat(ids(hybrid).subList(0, 5)).contains(contact, call);
        assertThat(ids(semantic).subList(0, 5)).contains(contact, call);
        assertThat(ids(search(tenant, "keyword"))).as("some of the question's words are in many shards").isNotEmpty();
        // The call note's last sentence answers the question; the highlight is the passage around it.
        JsonNode callHit = semantic.stream().filter(item -> item.at("/shard/id").asString().equals(call)).findFirst().orElseThrow();
        assertThat(callHit.at("/highlights/0").asString()).contains("glycol chiller of fermenter 6 failed")
                .contains("Gareth is happy to present this at the user conference in May.");
    }
}
