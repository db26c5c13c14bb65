package io.castiel.shard;

import io.castiel.platform.EventHeader;

/** A shard was created (API.md: {@code shard.created}). */
public record ShardCreated(EventHeader header, Shard shard) implements ShardEvent {

    public static final String TYPE = "shard.created";

    @Override
    public String type() {
        return TYPE;
    }
}
