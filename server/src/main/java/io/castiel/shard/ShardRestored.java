package io.castiel.shard;

import io.castiel.platform.EventHeader;

/** A deleted shard was restored (API.md: {@code shard.restored}). */
public record ShardRestored(EventHeader header, Shard shard) implements ShardEvent {

    public static final String TYPE = "shard.restored";

    @Override
    public String type() {
        return TYPE;
    }
}
