package io.castiel.search.internal;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.castiel.platform.AfterCommit;
import io.castiel.platform.TenantContext;
import io.castiel.shard.Shard;
import io.castiel.shard.ShardDeleted;
import io.castiel.shard.ShardEvent;
import io.castiel.shard.ShardSearch;
import io.castiel.shard.ShardTypeUpdated;

/**
 * Turns shard events into backlog rows inside the write's own transaction: the queue row is this
 * module's outbox (it commits or rolls back with the change and survives a crash), so a write
 * costs one small upsert and no event publication, and the model never runs in the request. Right
 * after the commit the workers are woken. A shard whose content did not change (an acl or tag
 * edit: its {@code embeddingStatus} stays as it was) is not queued, nor is one of a type that is
 * not embedded ({@code embed: false}: the write made it {@code none}); a deleted shard is, so
 * that its chunks go.
 *
 * <p>A change to a type's {@code embedFields} or {@code embed} queues the shards of the type and of
 * its child types, to be embedded again or to lose their vectors: possibly many, so not in the
 * type's transaction but through a durable {@link EmbedFieldsChanged} publication, which only such
 * a change costs.
 */
@Component
class EmbeddingRequests {

    /**
     * A type's {@code embedFields} or {@code embed} changed: its shards (and its child types') are
     * to be embedded again, or to lose their vectors. (The name predates {@code embed}; it is kept
     * because it is the stored name of publications not yet completed.)
     */
    record EmbedFieldsChanged(UUID tenantId, String type) {
    }

    private final TenantContext tenants;
    private final EmbeddingQueue queue;
    private final EmbeddingWorkers workers;
    private final ShardSearch shards;
    private final ApplicationEventPublisher publisher;

    EmbeddingRequests(TenantContext tenants, EmbeddingQueue queue, EmbeddingWorkers workers, ShardSearch shards,
            ApplicationEventPublisher publisher) {
        this.tenants = tenants;
        this.queue = queue;
        this.workers = workers;
        this.shards = shards;
        this.publisher = publisher;
    }

    /** {@code DomainEvents} publishes inside the change's transaction, scoped to its tenant (RLS). */
    @EventListener
    void on(ShardTypeUpdated changed) {
        if (!Objects.equals(changed.shardType().embedFields(), changed.before().embedFields())
                || changed.shardType().embed() != changed.before().embed()) {
            publisher.publishEvent(new EmbedFieldsChanged(changed.header().tenantId(), changed.shardType().name()));
        }
    }

    @EventListener
    void on(ShardEvent event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return;
        }
        // Pending: created, restored, or its text changed; a deleted shard's vectors go.
        if (!(event instanceof ShardDeleted) && !Shard.EMBEDDING_PENDING.equals(event.shard().embeddingStatus())) {
            return;
        }
        queue.enqueue(event.header().tenantId(), List.of(event.shard().id()), false);
        AfterCommit.run(workers::wake);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(EmbedFieldsChanged changed) {
        tenants.inTenant(changed.tenantId(), () -> {
            queue.enqueue(changed.tenantId(), shards.markTypePending(changed.tenantId(), changed.type()), false);
            return null;
        });
        workers.wake();
    }
}
