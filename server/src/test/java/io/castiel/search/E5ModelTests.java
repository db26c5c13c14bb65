package io.castiel.search;

import static io.castiel.search.Notes.note;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.castiel.support.Api;
import io.castiel.support.Node;
import tools.jackson.databind.JsonNode;

/**
 * The e5-small-v2 model ({@code castiel.ai.embedding.local-model=e5-small-v2-q}), loaded from its
 * Maven artifact, its texts embedded with its query and passage prefixes. Its own application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class E5ModelTests {

    private Node node;

    @BeforeAll
    void start() {
        node = Node.start("castiel.ai.embedding.local-model=e5-small-v2-q");
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aQuestionFindsTheShardThatAnswersItAmongShardsOfTheSameCompany() {
        Api api = node.register().api();
        JsonNode left = note(api, "Quillfeather sponsor", "Harriet Moss, who chose us at Quillfeather Bakeries, resigned in May to join a competitor.");
        JsonNode renewal = note(api, "Quillfeather renewal", "Quillfeather Bakeries renewed for three years at 12 % below list price.");
        JsonNode invoices = note(api, "Quillfeather billing", "Quillfeather Bakeries asked to be invoiced monthly instead of once a year.");
        for (JsonNode shard : new JsonNode[] {left, renewal, invoices}) {
            Embeddings.awaitReady(api, shard);
        }

        Api.Response found = api.post("search", Api.object().put("query", "what price cut did the bakery get for a multi-year commitment?")
                .put("mode", "semantic"));

        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().at("/items/0/shard/id").asString()).isEqualTo(renewal.get("id").asString());
        assertThat(api.get("shards/" + renewal.get("id").asString()).json().get("embeddingStatus").asString()).isEqualTo("ready");
    }
}
