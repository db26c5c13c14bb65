package io.castiel.search.internal;

import static io.castiel.search.Notes.note;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.castiel.search.Embeddings;
import io.castiel.support.Api;
import io.castiel.support.Node;
import tools.jackson.databind.JsonNode;

/**
 * {@code castiel.ai.embedding.workers=0}: an API node that queues embedding work and leaves it to
 * the nodes with workers, which share its database. The embedding node runs in embedded mode and
 * the API node in server mode on its PostgreSQL, as in the other two-node tests.
 */
class EmbeddingWorkersTests {

    @Test
    void aNodeWithoutWorkersQueuesItsWritesAndAnotherNodeEmbedsThem() {
        // A short poll: the embedding node learns of the other node's rows only by looking.
        try (Node embedding = Node.start("castiel.ai.embedding.poll=200ms");
                Node api = embedding.startServerNodeOnSameDatabase("castiel.ai.embedding.workers=0")) {
            Api owner = api.register().api();

            JsonNode shard = note(owner, "Renewal call", "The customer complained that the new price list is far too expensive.");
            Embeddings.awaitReady(owner, shard);

            assertThat(api.context.getBean(EmbeddingWorkers.class).embeddedChunks()).isZero();
            assertThat(embedding.context.getBean(EmbeddingWorkers.class).embeddedChunks()).isPositive();
            Api.Response found = owner.post("search", Api.object().put("query", "client unhappy about cost increase").put("mode", "semantic"));
            assertThat(found.status()).as(found.toString()).isEqualTo(200);
            assertThat(found.json().at("/items/0/shard/id").asString()).isEqualTo(shard.get("id").asString());
        }
    }

    @Test
    void embeddedModeRefusesToStartWithoutWorkers() {
        assertThatThrownBy(() -> Node.start("castiel.ai.embedding.workers=0").close())
                .rootCause()
                .hasMessageContaining("castiel.ai.embedding.workers=0 is for server mode only");
    }
}
