package io.castiel.shard;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** A shard as the API shows it. {@code revision} is also its ETag. */
public record Shard(UUID id, UUID tenantId, String shardType, JsonNode structuredData, JsonNode unstructuredData,
        JsonNode metadata, String status, String source, int revision, JsonNode acl, UUID createdBy, Instant createdAt,
        Instant updatedAt) {
}
