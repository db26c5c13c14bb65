package io.castiel.platform;

/**
 * A change in a tenant, as the module that made it publishes it: a record of that module
 * ({@code shard.ShardCreated}, {@code identity.UserDeleted}...) with the resource as the API shows
 * it. Consumers inside Castiel listen for the records they need; everyone outside (webhooks,
 * {@code /ws}, GraphQL subscriptions, RabbitMQ) gets every event in one shape, {@link EventMessage}.
 */
public interface DomainEvent extends org.jmolecules.event.types.DomainEvent {

    EventHeader header();

    /** The event type of API.md, e.g. {@code shard.created}: each record has one. */
    String type();

    /** The resource after the change (for a deletion, as it was). */
    Object data();

    /** The resource before the change, for updates; null otherwise. */
    default Object previous() {
        return null;
    }
}
