package io.castiel.search.internal;

import static io.castiel.search.Embeddings.awaitReady;
import static io.castiel.search.Notes.note;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.castiel.support.CastielTest;
import io.castiel.support.Eventually;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** After a change of the embedding model, the tenants with vectors of another model are re-embedded through the reindex job. */
class ModelChangeReindexTests extends CastielTest {

    @Autowired
    ModelChangeReindex check;

    @Autowired
    EmbeddingModelName modelName;

    @Test
    void vectorsOfAnotherModelAreEmbeddedAgain() {
        TestTenant tenant = newTenant();
        JsonNode note = note(tenant.api(), "Model change", "The vectors of this note were made by a model this node no longer runs.");
        awaitReady(tenant.api(), note);
        String id = note.get("id").asString();
        // As if an earlier start had embedded it with the other local model.
        String other = modelName.value().equals(EmbeddingConfiguration.LOCAL_MODEL) ? EmbeddingConfiguration.QUANTIZED_MODEL
                : EmbeddingConfiguration.LOCAL_MODEL;
        tenants.inTenant(tenant.id(), () -> jdbc.sql("update shard_embeddings set model = ? where tenant_id = ? and shard_id = ?::uuid")
                .params(other, tenant.id(), id).update());
        TestTenant untouched = newTenant();
        JsonNode current = note(untouched.api(), "Current model", "These vectors were made by the model this node runs.");
        awaitReady(untouched.api(), current);
        String currentEmbeddedAt = embeddedAt(untouched, current.get("id").asString());

        check.run(modelName.value(), null, JsonNodeFactory.instance.objectNode());

        assertThat(Eventually.until(() -> model(tenant, id), modelName.value()::equals, Duration.ofSeconds(90)))
                .as("the note is embedded again by " + modelName.value()).isEqualTo(modelName.value());
        awaitReady(tenant.api(), note);
        assertThat(embeddedAt(untouched, current.get("id").asString())).as("a tenant of the current model is not reindexed")
                .isEqualTo(currentEmbeddedAt);
    }

    private String model(TestTenant tenant, String shardId) {
        return tenants.inTenant(tenant.id(), () -> jdbc.sql("select model from shard_embeddings where tenant_id = ? and shard_id = ?::uuid")
                .params(tenant.id(), shardId).query(String.class).single());
    }

    private String embeddedAt(TestTenant tenant, String shardId) {
        return tenants.inTenant(tenant.id(), () -> jdbc.sql("select embedded_at::text from shard_embeddings where tenant_id = ? and shard_id = ?::uuid")
                .params(tenant.id(), shardId).query(String.class).single());
    }

}
