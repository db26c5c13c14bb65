package io.castiel.search.internal;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import io.castiel.platform.CastielEvent;
import io.castiel.platform.TenantContext;
import io.castiel.shard.Shard;
import io.castiel.shard.ShardSearch;
import tools.jackson.databind.JsonNode;

/**
 * Turns shard events into backlog rows, after the write committed: the write itself never waits
 * for a model. A shard whose content did not change (an acl or tag edit: its
 * {@code embeddingStatus} stays as it was) is not queued; a deleted shard is, so that its chunks go.
 * A change to a type's {@code embedFields} queues the shards of the type and of its child types.
 */
@Component
class EmbeddingRequests {

    private static final Set<String> EVENTS = Set.of(CastielEvent.SHARD_CREATED, CastielEvent.SHARD_UPDATED, CastielEvent.SHARD_DELETED,
            CastielEvent.SHARD_RESTORED);

    private final TenantContext tenants;
    private final EmbeddingQueue queue;
    private final EmbeddingWorkers workers;
    private final ShardSearch shards;

    EmbeddingRequests(TenantContext tenants, EmbeddingQueue queue, EmbeddingWorkers workers, ShardSearch shards) {
        this.shards = shards;
        this.tenants = tenants;
        this.queue = queue;
        this.workers = workers;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(CastielEvent event) {
        if (event.type().equals(CastielEvent.SHARDTYPE_UPDATED)) {
            embedFieldsChanged(event);
            return;
        }
        UUID shardId = event.shardId();
        if (!EVENTS.contains(event.type()) || shardId == null) {
            return;
        }
        String status = event.data().path("embeddingStatus").asString("");
        boolean contentChanged = !event.type().equals(CastielEvent.SHARD_UPDATED) || Shard.EMBEDDING_PENDING.equals(status);
        if (!contentChanged) {
            return;
        }
        tenants.inTenant(event.tenantId(), () -> {
            queue.enqueue(event.tenantId(), List.of(shardId), false);
            return null;
        });
        workers.wake();
    }

    /** A type whose {@code embedFields} changed: its shards and its child types' shards are embedded again. */
    private void embedFieldsChanged(CastielEvent event) {
        JsonNode data = event.data();
        if (data == null || event.previous() == null || data.path("embedFields").equals(event.previous().path("embedFields"))
                || !data.path("name").isString()) {
            return;
        }
        String type = data.get("name").asString();
        tenants.inTenant(event.tenantId(), () -> {
            queue.enqueue(event.tenantId(), shards.markTypePending(event.tenantId(), type), false);
            return null;
        });
        workers.wake();
    }
}
