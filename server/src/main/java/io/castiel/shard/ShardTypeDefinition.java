package io.castiel.shard;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /shard-types} and {@code PUT /shard-types/{name}}. {@code permissions}
 * ({@code {"member": ["read"], "viewer": []}}) is optional; on PUT, leaving it out keeps the
 * type's current permissions, so a schema change never widens access by accident.
 */
public record ShardTypeDefinition(String name, String displayName, String description, String parentType, JsonNode schema,
        List<String> encryptedFields, List<String> embedFields, JsonNode permissions) {
}
