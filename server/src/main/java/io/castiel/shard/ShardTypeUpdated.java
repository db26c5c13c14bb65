package io.castiel.shard;

import io.castiel.platform.EventHeader;

/** A shard type's schema, fields or permissions changed (API.md: {@code shardtype.updated}). */
public record ShardTypeUpdated(EventHeader header, ShardType shardType, ShardType before) implements ShardTypeEvent {

    public static final String TYPE = "shardtype.updated";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object previous() {
        return before;
    }
}
