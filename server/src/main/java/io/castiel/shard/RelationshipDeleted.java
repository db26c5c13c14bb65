package io.castiel.shard;

import io.castiel.platform.EventHeader;

/** A link between two shards was removed (API.md: {@code relationship.deleted}). */
public record RelationshipDeleted(EventHeader header, Relationship relationship) implements RelationshipEvent {

    public static final String TYPE = "relationship.deleted";

    @Override
    public String type() {
        return TYPE;
    }
}
