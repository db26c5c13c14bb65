package io.castiel.shard;

import tools.jackson.databind.JsonNode;

/** The body of {@code POST /shards} (and of each bulk item). */
public record NewShard(String shardType, JsonNode structuredData, JsonNode unstructuredData, JsonNode metadata, String status,
        JsonNode acl, String source) {
}
