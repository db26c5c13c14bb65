package io.castiel.realtime.internal;

import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.castiel.platform.CastielEvent;

/**
 * Takes each {@link CastielEvent} once its transaction commits and hands it to this node's sockets
 * and (in server mode) to the other nodes. Deliberately not a Spring Modulith listener: a
 * persistent publication would cost the write path an insert and an update per event, and replaying
 * old events after a restart makes no sense for sockets that are gone by then. Real time is best
 * effort; webhooks are the durable channel. A plain listener with an after-commit hook also keeps
 * rolled-back changes from ever reaching a client.
 */
@Component
class CommittedEvents {

    /** This node, so that it skips its own events when they come back from Redis. */
    private final UUID nodeId = UUID.randomUUID();
    private final EventDelivery delivery;
    private final RedisEventBus bus;

    CommittedEvents(EventDelivery delivery, RedisEventBus bus) {
        this.delivery = delivery;
        this.bus = bus;
        bus.onRemoteEvent(nodeId, delivery::deliver);
    }

    @EventListener
    void on(CastielEvent event) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committed(event);
                }
            });
        } else {
            committed(event);
        }
    }

    private void committed(CastielEvent event) {
        delivery.deliver(event);
        bus.publish(nodeId, event);
    }
}
