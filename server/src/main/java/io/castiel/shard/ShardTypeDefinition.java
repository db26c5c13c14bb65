package io.castiel.shard;

import java.util.List;

import tools.jackson.databind.JsonNode;

/** The body of {@code POST /shard-types} and {@code PUT /shard-types/{name}}. */
public record ShardTypeDefinition(String name, String displayName, String description, String parentType, JsonNode schema,
        List<String> encryptedFields, List<String> embedFields) {
}
