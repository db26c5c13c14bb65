package io.castiel.platform;

import java.time.Clock;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes {@link CastielEvent}s from the services that make changes. Call it inside the
 * change's transaction: Spring Modulith's event publication registry stores the publication for
 * each transactional listener in that same transaction (the outbox), and the listeners run after
 * commit, retried until they complete, also after a restart.
 */
@Component
public class DomainEvents {

    private final ApplicationEventPublisher publisher;
    private final JsonMapper json;
    private final Ids ids;
    private final Clock clock;
    private final TenantContext tenants;
    private final ActorContext actors;

    DomainEvents(ApplicationEventPublisher publisher, JsonMapper json, Ids ids, Clock clock, TenantContext tenants, ActorContext actors) {
        this.publisher = publisher;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
        this.tenants = tenants;
        this.actors = actors;
    }

    public CastielEvent publish(String type, Object data) {
        return publish(type, data, null);
    }

    /** {@code previous}: the resource before the change (updates), or null. */
    public CastielEvent publish(String type, Object data, Object previous) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Events are published inside the transaction of their change: " + type);
        }
        UUID tenantId = tenants.require();
        CastielEvent event = new CastielEvent(ids.next(), type, tenantId, clock.instant(), tree(data), tree(previous),
                actors.find().map(Actor::userId).orElse(null));
        publisher.publishEvent(event);
        return event;
    }

    private JsonNode tree(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof JsonNode node ? node : json.valueToTree(value);
    }
}
