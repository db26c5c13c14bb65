package io.castiel.audit.internal;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** An audit row as the API shows it. */
public record AuditRecord(UUID id, UUID actorId, String action, String resourceType, String resourceId, JsonNode changes,
        String ip, String userAgent, Instant occurredAt) {
}
