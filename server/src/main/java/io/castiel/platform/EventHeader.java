package io.castiel.platform;

import java.time.Instant;
import java.util.UUID;

/**
 * What every {@link DomainEvent} carries beside its resource: its id (the {@code webhook-id}, the
 * AMQP message id, what a consumer de-duplicates by), its tenant, when it happened and who did it
 * (null for the system). {@link DomainEvents} makes it from the change's context.
 */
public record EventHeader(UUID id, UUID tenantId, Instant occurredAt, UUID actorId) {
}
