package io.castiel.shard;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** One stored version of a shard. */
public record ShardRevision(UUID shardId, int revision, String shardType, JsonNode structuredData, JsonNode unstructuredData,
        JsonNode metadata, String status, JsonNode acl, UUID changedBy, Instant changedAt) {
}
