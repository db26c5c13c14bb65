package io.castiel.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A named shard list of the web app: a shard type with {@code where} filters and a {@code sort} in
 * the language of {@code GET /shards}, and the columns to show; private to its owner or shared with
 * the tenant. {@code revision} is its ETag.
 */
public record SavedView(UUID id, String name, String shardType, List<String> where, String sort, List<String> columns,
        String visibility, UUID ownerId, int revision, Instant createdAt, Instant updatedAt) {
}
