package io.castiel.shard;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** A typed, directed edge between two shards of one tenant. */
public record Relationship(UUID id, UUID sourceId, UUID targetId, String type, JsonNode properties, UUID createdBy,
        Instant createdAt) {
}
