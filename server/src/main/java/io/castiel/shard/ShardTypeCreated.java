package io.castiel.shard;

import io.castiel.platform.EventHeader;

/** A tenant defined a shard type (API.md: {@code shardtype.created}). */
public record ShardTypeCreated(EventHeader header, ShardType shardType) implements ShardTypeEvent {

    public static final String TYPE = "shardtype.created";

    @Override
    public String type() {
        return TYPE;
    }
}
