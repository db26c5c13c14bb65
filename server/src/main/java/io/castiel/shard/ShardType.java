package io.castiel.shard;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;

/**
 * A shard type: a JSON Schema (draft 2020-12) for {@code structuredData}, optionally extending a
 * parent type. {@code effectiveSchema} (its schema merged with its ancestors') is filled in when a
 * single type is read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShardType(String name, String displayName, String description, String parentType, JsonNode schema,
        List<String> encryptedFields, List<String> embedFields, boolean system, JsonNode effectiveSchema, Instant createdAt,
        Instant updatedAt) {

    public ShardType withEffectiveSchema(JsonNode effective) {
        return new ShardType(name, displayName, description, parentType, schema, encryptedFields, embedFields, system, effective,
                createdAt, updatedAt);
    }
}
