package io.castiel.shard;

import io.castiel.platform.DomainEvent;

/** A link between two shards was made or removed. */
public sealed interface RelationshipEvent extends DomainEvent permits RelationshipCreated, RelationshipDeleted {

    Relationship relationship();

    @Override
    default Object data() {
        return relationship();
    }
}
