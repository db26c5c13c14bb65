package io.castiel.shard;

import io.castiel.platform.EventHeader;

/** A tenant's shard type was deleted (API.md: {@code shardtype.deleted}). */
public record ShardTypeDeleted(EventHeader header, ShardType shardType) implements ShardTypeEvent {

    public static final String TYPE = "shardtype.deleted";

    @Override
    public String type() {
        return TYPE;
    }
}
