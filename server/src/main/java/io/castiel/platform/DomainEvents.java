package io.castiel.platform;

import java.time.Clock;
import java.util.function.Function;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes a module's {@link DomainEvent}s from the services that make changes, inside the
 * change's transaction, so an event exists exactly when its change does. Consumers take them in
 * one of three ways, by what they need:
 * <ul>
 * <li>durable: {@code @ApplicationModuleListener}, through Spring Modulith's event publication
 * registry (its row is written in this transaction; the listener runs after commit and is retried
 * until it completes, also after a restart);</li>
 * <li>an outbox row of the consumer's own, written by a plain {@code @EventListener} in this
 * transaction (webhook deliveries, the embedding backlog): such a listener only queues, so the
 * write pays one insert and no registry round trip;</li>
 * <li>best effort: a plain {@code @EventListener} that defers to {@link AfterCommit} (realtime),
 * since the registry would persist a publication for every after-commit transactional listener.</li>
 * </ul>
 */
@Component
public class DomainEvents {

    private final ApplicationEventPublisher publisher;
    private final Ids ids;
    private final Clock clock;
    private final TenantContext tenants;
    private final ActorContext actors;

    DomainEvents(ApplicationEventPublisher publisher, Ids ids, Clock clock, TenantContext tenants, ActorContext actors) {
        this.publisher = publisher;
        this.ids = ids;
        this.clock = clock;
        this.tenants = tenants;
        this.actors = actors;
    }

    /** Publishes the event that {@code event} makes from a header of the current tenant, time and actor. */
    public <E extends DomainEvent> E publish(Function<EventHeader, E> event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Events are published inside the transaction of their change");
        }
        E published = event.apply(new EventHeader(ids.next(), tenants.require(), clock.instant(),
                actors.find().map(Actor::userId).orElse(null)));
        publisher.publishEvent(published);
        return published;
    }
}
