package io.castiel.shard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;

/**
 * A shard type: a JSON Schema (draft 2020-12) for {@code structuredData}, optionally extending a
 * parent type. {@code effectiveSchema} (its schema merged with its ancestors') is filled in when a
 * single type is read. {@code permissions} says what members and viewers of the tenant may do with
 * shards of the type ({@code read}, {@code write}); owners and admins may always do everything.
 * {@code embed} says whether the type's shards are embedded for semantic search (its own
 * shards: a child type has its own flag); {@code embedFields} what is embedded besides the
 * scalar fields and {@code unstructuredData.text}. {@code indexedFields} are the fields (JSON
 * pointers) that lists filter on through an index of their own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShardType(String name, String displayName, String description, String parentType, JsonNode schema,
        List<String> encryptedFields, List<String> embedFields, boolean embed, List<String> indexedFields, boolean system, JsonNode effectiveSchema,
        Map<String, List<String>> permissions, Instant createdAt, Instant updatedAt) {

    public ShardType withEffectiveSchema(JsonNode effective) {
        return new ShardType(name, displayName, description, parentType, schema, encryptedFields, embedFields, embed, indexedFields, system, effective,
                permissions, createdAt, updatedAt);
    }

    public ShardType withPermissions(Map<String, List<String>> byRole) {
        return new ShardType(name, displayName, description, parentType, schema, encryptedFields, embedFields, embed, indexedFields, system,
                effectiveSchema, byRole, createdAt, updatedAt);
    }
}
