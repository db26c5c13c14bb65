package io.castiel.search.internal;

import static io.castiel.search.Embeddings.awaitReady;
import static io.castiel.search.Embeddings.awaitStatus;
import static io.castiel.search.Notes.note;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/** The in-memory index follows a tenant's changes by reading the changed shards' rows only. */
@ExtendWith(OutputCaptureExtension.class)
class MemoryVectorIndexPatchTests extends CastielTest {

    @Autowired
    MemoryVectorIndex memory;

    @Autowired
    Chunks chunks;

    @Autowired
    AiProperties properties;

    @Autowired
    QueryEmbeddings queries;

    @Test
    void aPatchedIndexAnswersExactlyAsAFreshLoadOfTheSameRows(CapturedOutput output) {
        TestTenant tenant = newTenant();
        Api api = tenant.api();
        JsonNode renewal = note(api, "Northwind renewal call", "The customer said the new price list is far too expensive. They may not renew.");
        JsonNode warehouse = note(api, "Warehouse move", "Our logistics team relocates the Rotterdam warehouse to a bigger site in March.");
        JsonNode offsite = note(api, "Team offsite", "The sales team meets in Lisbon for two days of planning. Dinner is by the river.");
        List.of(renewal, warehouse, offsite).forEach(note -> awaitReady(api, note));
        float[] query = queries.of(tenant.id(), "where is the storage facility moving to?");
        List<ChunkMatch> before = nearest(memory, tenant.id(), query);
        assertThat(before).extracting(ChunkMatch::shardId).contains(id(warehouse));

        // one shard rewritten, one deleted, one created
        String warehouseId = warehouse.get("id").asString();
        api.patch("shards/" + warehouseId, Api.object().set("unstructuredData",
                Api.object().put("text", "The warehouse stays in Rotterdam. A new storage hall opens in Antwerp next spring.")));
        awaitStatus(api, warehouseId, "ready");
        assertThat(api.delete("shards/" + offsite.get("id").asString()).status()).isEqualTo(204);
        awaitStatus(api, offsite.get("id").asString(), "none");
        JsonNode hiring = note(api, "Hiring plan", "We hire two engineers for the Antwerp site. Interviews start in May.");
        awaitReady(api, hiring);

        List<ChunkMatch> patched = nearest(memory, tenant.id(), query);
        MemoryVectorIndex fresh = new MemoryVectorIndex(chunks, properties);
        List<ChunkMatch> loaded = nearest(fresh, tenant.id(), query);

        assertThat(loads(output, tenant.id())).as("the second search patched the held vectors instead of loading them again").isEqualTo(2);
        assertThat(patched).isEqualTo(loaded);
        assertThat(patched).extracting(ChunkMatch::shardId).contains(id(hiring)).doesNotContain(id(offsite));
        List<UUID> shards = List.of(id(renewal), id(warehouse), id(offsite), id(hiring));
        assertThat(tenants.inTenant(tenant.id(), () -> memory.searcher(tenant.id()).closestSentences(query, shards)))
                .isEqualTo(tenants.inTenant(tenant.id(), () -> fresh.searcher(tenant.id()).closestSentences(query, shards)));
        float[] patchedMean = tenants.inTenant(tenant.id(), () -> memory.searcher(tenant.id()).meanDirection());
        float[] loadedMean = tenants.inTenant(tenant.id(), () -> fresh.searcher(tenant.id()).meanDirection());
        for (int i = 0; i < loadedMean.length; i++) {
            assertThat(patchedMean[i]).isCloseTo(loadedMean[i], within(1e-5f));
        }
    }

    private List<ChunkMatch> nearest(MemoryVectorIndex index, UUID tenantId, float[] query) {
        return tenants.inTenant(tenantId, () -> index.searcher(tenantId).nearest(query, 100));
    }

    /** How often a full load of the tenant's vectors was logged (the first search's, and the fresh index's). */
    private static long loads(CapturedOutput output, UUID tenantId) {
        Matcher matcher = Pattern.compile("Loaded the vectors of tenant " + tenantId).matcher(output.getAll());
        long count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static UUID id(JsonNode shard) {
        return UUID.fromString(shard.get("id").asString());
    }
}
