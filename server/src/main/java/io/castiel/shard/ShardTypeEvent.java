package io.castiel.shard;

import io.castiel.platform.DomainEvent;

/** A change to one of a tenant's shard types. */
public sealed interface ShardTypeEvent extends DomainEvent permits ShardTypeCreated, ShardTypeUpdated, ShardTypeDeleted {

    ShardType shardType();

    @Override
    default Object data() {
        return shardType();
    }
}
