package io.castiel.search.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.castiel.platform.OneOffJob;
import io.castiel.platform.TenantContext;
import io.castiel.shard.ShardSearch;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /admin/reindex}: queues every live shard of the tenant for embedding, forced (the
 * content hash is not consulted), and marks them pending. The workers then drain it like any
 * backlog, interleaved with other tenants' writes.
 */
@Component
public class ReindexJob implements OneOffJob {

    public static final String NAME = "search-reindex";
    private static final Logger log = LoggerFactory.getLogger(ReindexJob.class);

    private final TenantContext tenants;
    private final ShardSearch shards;
    private final EmbeddingQueue queue;
    private final EmbeddingWorkers workers;
    private final Chunks chunks;

    ReindexJob(TenantContext tenants, ShardSearch shards, EmbeddingQueue queue, EmbeddingWorkers workers, Chunks chunks) {
        this.chunks = chunks;
        this.tenants = tenants;
        this.shards = shards;
        this.queue = queue;
        this.workers = workers;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(String instanceId, UUID tenantId, JsonNode payload) {
        if (tenantId == null) {
            return;
        }
        int queued = tenants.inTenant(tenantId, () -> {
            List<UUID> ids = shards.markAllPending(tenantId);
            queue.enqueue(tenantId, ids, true);
            // Chunks whose shard is gone (a permanent delete racing an embedding) go too.
            Set<UUID> live = new HashSet<>(ids);
            List<UUID> orphans = chunks.embeddedShards(tenantId).stream().filter(id -> !live.contains(id)).toList();
            queue.enqueue(tenantId, orphans, true);
            return ids.size();
        });
        log.info("Reindex of tenant {}: {} shards queued", tenantId, queued);
        workers.wake();
    }
}
