package io.castiel.shard;

import io.castiel.platform.EventHeader;

/** A shard's content, acl or tags changed, or it was reverted to a revision (API.md: {@code shard.updated}). */
public record ShardUpdated(EventHeader header, Shard shard, Shard before) implements ShardEvent {

    public static final String TYPE = "shard.updated";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object previous() {
        return before;
    }
}
