package io.castiel.audit;

import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * One audited change. {@code actorId} defaults to the current user when null; {@code changes} is
 * free-form JSON describing what changed (or why a login failed).
 */
public record AuditEntry(String action, String resourceType, String resourceId, JsonNode changes, UUID actorId) {

    public static AuditEntry of(String action, String resourceType, Object resourceId, JsonNode changes) {
        return new AuditEntry(action, resourceType, resourceId == null ? null : resourceId.toString(), changes, null);
    }

    public AuditEntry by(UUID actor) {
        return new AuditEntry(action, resourceType, resourceId, changes, actor);
    }
}
