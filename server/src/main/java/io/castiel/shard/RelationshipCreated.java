package io.castiel.shard;

import io.castiel.platform.EventHeader;

/** Two shards were linked (API.md: {@code relationship.created}). */
public record RelationshipCreated(EventHeader header, Relationship relationship) implements RelationshipEvent {

    public static final String TYPE = "relationship.created";

    @Override
    public String type() {
        return TYPE;
    }
}
