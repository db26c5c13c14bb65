package io.castiel.shard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.castiel.platform.ApiException;
import io.castiel.platform.ApiException.FieldError;
import io.castiel.shard.internal.TypeSchemas;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a shard must satisfy to be stored: a known type whose effective JSON Schema its
 * structuredData passes, the shapes of unstructuredData, metadata and acl, a writable status.
 * Problems are collected as field errors, so that one answer names them all.
 */
@Component
class ShardValidator {

    /** The statuses a write may set ({@code deleted} only through DELETE). */
    static final Set<String> WRITABLE_STATUSES = Set.of("active", "archived", "draft");
    private static final Set<String> SOURCES = Set.of("ui", "api", "import", "integration", "system");
    private static final Set<String> PATCHABLE = Set.of("structuredData", "unstructuredData", "metadata", "status", "acl");
    private static final Set<String> PERMISSIONS = Set.of("read", "write");

    private final ShardTypeService types;
    private final TypeSchemas schemas;

    ShardValidator(ShardTypeService types, TypeSchemas schemas) {
        this.types = types;
        this.schemas = schemas;
    }

    /** Throws 400 unless {@code patch} is a JSON Merge Patch of the patchable fields only. */
    void requirePatch(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object (a JSON Merge Patch)");
        }
        for (String field : patch.propertyNames()) {
            if (!PATCHABLE.contains(field)) {
                throw ApiException.badRequest(field + " cannot be changed; patchable fields are " + String.join(", ", PATCHABLE.stream().sorted().toList()),
                        "/" + field);
            }
        }
    }

    /** Everything a new shard must satisfy: a known source, and what every stored shard must. */
    List<FieldError> problemsOfNew(Shard shard, Map<String, Optional<ShardTypeService.ResolvedType>> resolved) {
        List<FieldError> problems = new ArrayList<>();
        if (!SOURCES.contains(shard.source())) {
            problems.add(new FieldError("/source", "must be one of ui, api, import, integration, system"));
        }
        problems.addAll(problems(shard.tenantId(), shard, resolved));
        return problems;
    }

    /** Everything a stored shard must satisfy: known type, schema, field shapes. */
    List<FieldError> problems(UUID tenantId, Shard shard, Map<String, Optional<ShardTypeService.ResolvedType>> resolved) {
        List<FieldError> problems = new ArrayList<>();
        if (!WRITABLE_STATUSES.contains(shard.status())) {
            problems.add(new FieldError("/status", "must be one of active, archived, draft (delete with DELETE)"));
        }
        if (shard.unstructuredData() != null && !shard.unstructuredData().isObject()) {
            problems.add(new FieldError("/unstructuredData", "must be an object such as {\"text\": \"...\"}"));
        } else if (shard.unstructuredData() != null && shard.unstructuredData().has("text") && !shard.unstructuredData().get("text").isString()) {
            problems.add(new FieldError("/unstructuredData/text", "must be a string"));
        }
        if (shard.metadata() != null && !shard.metadata().isObject()) {
            problems.add(new FieldError("/metadata", "must be an object"));
        } else if (shard.metadata() != null && shard.metadata().has("tags")) {
            JsonNode tags = shard.metadata().get("tags");
            if (!tags.isArray() || !tags.valueStream().allMatch(JsonNode::isString)) {
                problems.add(new FieldError("/metadata/tags", "must be an array of strings"));
            }
        }
        checkAcl(shard.acl(), problems);
        if (shard.shardType() == null) {
            problems.add(new FieldError("/shardType", "is required"));
            return problems;
        }
        Optional<ShardTypeService.ResolvedType> type = resolved.computeIfAbsent(shard.shardType(), name -> types.resolveForWrite(tenantId, name));
        if (type.isEmpty()) {
            problems.add(new FieldError("/shardType", "unknown shard type " + shard.shardType()));
            return problems;
        }
        if (shard.structuredData() == null || !shard.structuredData().isObject()) {
            problems.add(new FieldError("/structuredData", "is required and must be an object"));
            return problems;
        }
        problems.addAll(schemas.validate(type.get().effectiveSchema(), shard.structuredData(), "/structuredData"));
        return problems;
    }

    private static void checkAcl(JsonNode acl, List<FieldError> problems) {
        if (!acl.isArray()) {
            problems.add(new FieldError("/acl", "must be an array of {userId, permissions}"));
            return;
        }
        if (acl.size() > 100) {
            problems.add(new FieldError("/acl", "at most 100 entries"));
        }
        Set<UUID> users = new HashSet<>();
        for (int i = 0; i < acl.size(); i++) {
            JsonNode entry = acl.get(i);
            String pointer = "/acl/" + i;
            if (!entry.isObject() || !entry.path("userId").isString() || !isUuid(entry.get("userId").asString())) {
                problems.add(new FieldError(pointer + "/userId", "must be a user id (UUID)"));
            }
            JsonNode permissions = entry.path("permissions");
            if (!permissions.isArray() || permissions.isEmpty()
                    || !permissions.valueStream().allMatch(p -> p.isString() && PERMISSIONS.contains(p.asString()))) {
                problems.add(new FieldError(pointer + "/permissions", "must be a non-empty array of read, write"));
            } else if (contains(permissions, ShardAccess.WRITE) && !contains(permissions, ShardAccess.READ)) {
                // One cannot change what one cannot see; saying so avoids two readings of ["write"].
                problems.add(new FieldError(pointer + "/permissions", "write needs read as well: [\"read\", \"write\"]"));
            }
            if (entry.path("userId").isString() && isUuid(entry.get("userId").asString())
                    && !users.add(UUID.fromString(entry.get("userId").asString()))) {
                problems.add(new FieldError(pointer + "/userId", "this user is listed more than once"));
            }
            for (String field : entry.propertyNames()) {
                if (!field.equals("userId") && !field.equals("permissions")) {
                    problems.add(new FieldError(pointer + "/" + field, "unknown field"));
                }
            }
        }
    }

    private static boolean contains(JsonNode array, String value) {
        return array.valueStream().anyMatch(v -> value.equals(v.asString("")));
    }

    /**
     * The acl with user ids in their canonical (lower-case) spelling, which the SQL filter's JSON
     * containment compares exactly. Anything malformed is returned as given, for the checks to report.
     */
    static JsonNode canonicalAcl(JsonNode acl) {
        if (!acl.isArray()) {
            return acl;
        }
        ArrayNode canonical = JsonNodeFactory.instance.arrayNode();
        for (JsonNode entry : acl) {
            if (!entry.isObject() || !entry.path("userId").isString() || !isUuid(entry.get("userId").asString())) {
                return acl;
            }
            ObjectNode copy = ((ObjectNode) entry).deepCopy();
            copy.put("userId", UUID.fromString(entry.get("userId").asString()).toString());
            canonical.add(copy);
        }
        return canonical;
    }

    private static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return value.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
