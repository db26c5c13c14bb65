package io.castiel.shard;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A shard as the API shows it. {@code revision} is also its ETag. {@code embeddingStatus} says
 * whether its text is searchable by meaning yet: {@code pending} after a write that changed its
 * content, {@code ready} once the search module has embedded it, {@code failed} when that gave up,
 * {@code none} for a deleted shard and for every shard of a type that says its shards are not
 * embedded ({@code embed: false}). It is not part of the shard's content (no revision, no event).
 */
public record Shard(UUID id, UUID tenantId, String shardType, JsonNode structuredData, JsonNode unstructuredData,
        JsonNode metadata, String status, String source, int revision, JsonNode acl, UUID createdBy, Instant createdAt,
        Instant updatedAt, String embeddingStatus) {

    public static final String EMBEDDING_PENDING = "pending";
    public static final String EMBEDDING_READY = "ready";
    public static final String EMBEDDING_FAILED = "failed";
    public static final String EMBEDDING_NONE = "none";

    public Shard withEmbeddingStatus(String status) {
        return new Shard(id, tenantId, shardType, structuredData, unstructuredData, metadata, this.status, source, revision, acl, createdBy,
                createdAt, updatedAt, status);
    }
}
