package io.castiel.realtime.internal;

import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.castiel.notification.NotificationCreated;
import io.castiel.notification.NotificationsRead;
import io.castiel.platform.AfterCommit;
import io.castiel.platform.DomainEvent;
import io.castiel.platform.EventMessage;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes each committed change for the sockets: events to this node's sockets that subscribed to
 * them, notifications to their recipient's sockets, and both (in server mode) to the other nodes.
 * Best effort by design, so not a Spring Modulith listener: the publication registry would cost
 * every write an insert and an update, and replaying old events after a restart makes no sense for
 * sockets that are gone by then; webhooks are the durable channel. {@link AfterCommit} keeps
 * rolled-back changes from ever reaching a client.
 */
@Component
class CommittedEvents {

    /** This node, so that it skips its own messages when they come back from Redis. */
    private final UUID nodeId = UUID.randomUUID();
    private final EventDelivery delivery;
    private final RedisEventBus bus;
    private final JsonMapper json;

    CommittedEvents(EventDelivery delivery, RedisEventBus bus, JsonMapper json) {
        this.delivery = delivery;
        this.bus = bus;
        this.json = json;
        bus.onRemoteUserPush(delivery::push);
        bus.onRemoteEvent(nodeId, delivery::deliver);
    }

    @EventListener
    void on(DomainEvent change) {
        EventMessage event = EventMessage.of(change, json);
        AfterCommit.run(() -> {
            delivery.deliver(event);
            bus.publish(nodeId, event);
        });
    }

    @EventListener
    void on(NotificationCreated created) {
        ObjectNode message = json.createObjectNode().put("type", "notification");
        message.set("notification", json.valueToTree(created.notification()));
        message.put("unreadCount", created.unreadCount());
        push(new UserPush(created.tenantId(), created.userId(), message));
    }

    @EventListener
    void on(NotificationsRead read) {
        ObjectNode message = json.createObjectNode().put("type", "notifications.read");
        message.set("ids", json.valueToTree(read.notificationIds()));
        message.put("unreadCount", read.unreadCount());
        push(new UserPush(read.tenantId(), read.userId(), message));
    }

    private void push(UserPush push) {
        AfterCommit.run(() -> {
            delivery.push(push);
            bus.publish(nodeId, push);
        });
    }
}
