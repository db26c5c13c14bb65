package io.castiel.platform;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event as the world outside Castiel receives it, the one wire shape of API.md: webhook bodies,
 * {@code /ws} messages, GraphQL subscription items, RabbitMQ messages and what nodes pass each
 * other through Redis. {@code previous} (the resource before the change) is there on updates only.
 * {@link #of} is the one mapping from a module's typed event to it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventMessage(UUID id, String type, UUID tenantId, Instant occurredAt, JsonNode data, JsonNode previous) {

    public static EventMessage of(DomainEvent event, JsonMapper json) {
        EventHeader header = event.header();
        return new EventMessage(header.id(), event.type(), header.tenantId(), header.occurredAt(), tree(event.data(), json),
                tree(event.previous(), json));
    }

    /** The shard this event is about, when it is about one (shard events: data.id). */
    @JsonIgnore
    public UUID shardId() {
        if (!type.startsWith("shard.") || data == null || !data.hasNonNull("id")) {
            return null;
        }
        return UUID.fromString(data.get("id").asString());
    }

    private static JsonNode tree(Object value, JsonMapper json) {
        if (value == null) {
            return null;
        }
        return value instanceof JsonNode node ? node : json.valueToTree(value);
    }
}
