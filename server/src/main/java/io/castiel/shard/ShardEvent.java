package io.castiel.shard;

import io.castiel.platform.DomainEvent;

/** A change to one shard, with the shard as the API shows it after the change (at deletion: as it was deleted). */
public sealed interface ShardEvent extends DomainEvent permits ShardCreated, ShardUpdated, ShardDeleted, ShardRestored {

    Shard shard();

    @Override
    default Object data() {
        return shard();
    }
}
