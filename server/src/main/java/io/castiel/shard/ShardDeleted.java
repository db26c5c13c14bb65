package io.castiel.shard;

import io.castiel.platform.EventHeader;

/** A shard was deleted: soft, so it can be restored, or for good (API.md: {@code shard.deleted}). */
public record ShardDeleted(EventHeader header, Shard shard) implements ShardEvent {

    public static final String TYPE = "shard.deleted";

    @Override
    public String type() {
        return TYPE;
    }
}
