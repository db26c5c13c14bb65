package io.castiel.search;

import static io.castiel.search.Notes.note;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.castiel.support.Api;
import io.castiel.support.Node;
import tools.jackson.databind.JsonNode;

/**
 * Embeddings from a remote OpenAI-compatible endpoint ({@code castiel.ai.embedding.base-url}) instead
 * of the local model, against a local server that records the requests. Its own application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteEmbeddingTests {

    private EmbeddingsServer embeddings;
    private Node node;

    @BeforeAll
    void start() throws IOException {
        embeddings = new EmbeddingsServer();
        node = Node.start("castiel.ai.embedding.base-url=" + embeddings.baseUrl(), "castiel.ai.embedding.model=test-embedding",
                "castiel.ai.embedding.api-key=remote-key", "castiel.ai.embedding.max-attempts=1");
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
        if (embeddings != null) {
            embeddings.close();
        }
    }

    @Test
    void shardsAndQueriesAreEmbeddedByTheConfiguredEndpoint() {
        Api api = node.register().api();
        JsonNode boat = note(api, "Harbour", "The sailing boat is moored in the harbour until October.");
        JsonNode tax = note(api, "Taxes", "Quarterly value added tax returns are filed by the accountant.");
        Embeddings.awaitReady(api, boat);
        Embeddings.awaitReady(api, tax);

        Api.Response found = api.post("search", Api.object().put("query", "where is the sailing boat moored").put("mode", "semantic"));

        assertThat(found.json().at("/items/0/shard/id").asString()).isEqualTo(boat.get("id").asString());
        EmbeddingsServer.Request request = embeddings.requests().get(0);
        assertThat(request.authorization()).isEqualTo("Bearer remote-key");
        assertThat(request.body().get("model").asString()).isEqualTo("test-embedding");
        assertThat(request.body().get("dimensions").asInt()).isEqualTo(384);
        assertThat(embeddings.requests().stream().anyMatch(r -> r.body().get("input").toString().contains("where is the sailing boat moored")))
                .as("the query is embedded by the same endpoint").isTrue();
    }

    @Test
    void vectorsOfTheWrongSizeMarkTheShardFailed() {
        Api api = node.register().api();
        JsonNode note = note(api, "Broken", "This text makes the endpoint answer wrongdimensions.");

        JsonNode failed = Embeddings.awaitStatus(api, note.get("id").asString(), "failed");

        assertThat(failed.get("embeddingStatus").asString()).isEqualTo("failed");
    }
}
