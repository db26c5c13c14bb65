package io.castiel.webhook.internal;

import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.castiel.platform.AfterCommit;
import io.castiel.platform.DomainEvent;
import io.castiel.platform.EventMessage;
import io.castiel.platform.Ids;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues a delivery for every enabled endpoint of the tenant whose filter matches an event. It
 * listens synchronously, inside the transaction of the change (where {@code DomainEvents} publishes):
 * the delivery rows are this module's outbox, so they commit or roll back with the change itself: no window where the change is
 * committed and its deliveries are not yet recorded, and no second outbox hop. Right after the
 * commit it asks the dispatcher to deliver at once (low latency); the recurring job catches up
 * anything else (another node's commits, retries, a restart).
 */
@Component
class DeliveryQueue {

    private record Target(UUID id, List<String> events) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;
    private final Ids ids;
    private final DeliveryDispatcher dispatcher;

    DeliveryQueue(JdbcClient jdbc, JdbcTemplate template, JsonMapper json, Ids ids, DeliveryDispatcher dispatcher) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
        this.ids = ids;
        this.dispatcher = dispatcher;
    }

    @EventListener
    void on(DomainEvent change) {
        UUID tenantId = change.header().tenantId();
        List<Target> targets = jdbc.sql("select id, events from webhook_endpoints where tenant_id = ? and enabled")
                .param(tenantId)
                .query((rs, n) -> new Target(rs.getObject("id", UUID.class), Arrays.asList((String[]) rs.getArray("events").getArray())))
                .list().stream().filter(t -> EventFilters.matches(t.events(), change.type())).toList();
        if (targets.isEmpty()) {
            return;
        }
        EventMessage event = EventMessage.of(change, json);
        String payload = json.writeValueAsString(event);
        UUID[] deliveryIds = new UUID[targets.size()];
        UUID[] endpointIds = new UUID[targets.size()];
        for (int i = 0; i < deliveryIds.length; i++) {
            deliveryIds[i] = ids.next();
            endpointIds[i] = targets.get(i).id();
        }
        // One statement for all the endpoints, the payload sent once: each row a new queue of its own.
        template.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("""
                    insert into webhook_deliveries (tenant_id, id, endpoint_id, queue_key, event_id, event_type, payload, attempt, status,
                        next_attempt_at)
                    select ?, d.id, d.endpoint_id, d.id, ?, ?, ?, 1, 'pending', now()
                    from unnest(?, ?) as d (id, endpoint_id)""");
            insert.setObject(1, event.tenantId());
            insert.setObject(2, event.id());
            insert.setString(3, event.type());
            insert.setString(4, payload);
            insert.setArray(5, connection.createArrayOf("uuid", deliveryIds));
            insert.setArray(6, connection.createArrayOf("uuid", endpointIds));
            return insert;
        });
        AfterCommit.run(() -> dispatcher.committed(targets.stream().map(Target::id).toList()));
    }
}
