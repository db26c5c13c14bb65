package io.castiel.shard;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /shard-types} and {@code PUT /shard-types/{name}}. {@code permissions}
 * ({@code {"member": ["read"], "viewer": []}}) is optional; on PUT, leaving it out keeps the
 * type's current permissions, so a schema change never widens access by accident. {@code embed}
 * ({@code false}: the type's shards are not embedded) defaults to {@code true} on POST; on PUT,
 * leaving it out keeps the type's current setting, so an editor that does not know the field
 * neither re-embeds a large type nor drops its vectors. {@code indexedFields} (JSON pointers to
 * scalar fields) is kept the same way when left out on PUT: its indexes are costly to build again.
 */
public record ShardTypeDefinition(String name, String displayName, String description, String parentType, JsonNode schema,
        List<String> encryptedFields, List<String> embedFields, Boolean embed, List<String> indexedFields, JsonNode permissions) {

    /** Whether the type's shards are embedded: {@code embed}, or {@code current} when it is left out. */
    public boolean embedOr(boolean current) {
        return embed == null ? current : embed;
    }
}
