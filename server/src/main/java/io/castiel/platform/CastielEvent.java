package io.castiel.platform;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;

/**
 * A change that happened in a tenant, as every consumer sees it (webhooks, WebSocket, RabbitMQ,
 * notifications, search) and as API.md names it: {@code {id, type, tenantId, occurredAt, data}},
 * with {@code previous} (the resource before the change) on updates. It is published inside the
 * transaction that made the change (see {@link DomainEvents}), so it exists exactly when the change
 * does. {@code actorId} (who made it, when known) is for permission checks and is not part of the
 * wire shape.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CastielEvent(UUID id, String type, UUID tenantId, Instant occurredAt, JsonNode data, JsonNode previous,
        @JsonIgnore UUID actorId) {

    public static final String SHARD_CREATED = "shard.created";
    public static final String SHARD_UPDATED = "shard.updated";
    public static final String SHARD_DELETED = "shard.deleted";
    public static final String SHARD_RESTORED = "shard.restored";
    public static final String RELATIONSHIP_CREATED = "relationship.created";
    public static final String RELATIONSHIP_DELETED = "relationship.deleted";
    public static final String SHARDTYPE_CREATED = "shardtype.created";
    public static final String SHARDTYPE_UPDATED = "shardtype.updated";
    public static final String SHARDTYPE_DELETED = "shardtype.deleted";
    public static final String USER_CREATED = "user.created";
    public static final String USER_DELETED = "user.deleted";
    public static final String INTEGRATION_SYNC_COMPLETED = "integration.sync.completed";

    /** The shard this event is about, when it is about one (shard events: data.id). */
    @JsonIgnore
    public UUID shardId() {
        if (!type.startsWith("shard.") || data == null || !data.hasNonNull("id")) {
            return null;
        }
        return UUID.fromString(data.get("id").asString());
    }
}
