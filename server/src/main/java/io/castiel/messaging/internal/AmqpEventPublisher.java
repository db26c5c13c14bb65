package io.castiel.messaging.internal;

import java.nio.charset.StandardCharsets;
import java.util.Date;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.annotation.Conditional;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import io.castiel.platform.DomainEvent;
import io.castiel.platform.EventMessage;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes every {@link DomainEvent} to the topic exchange with routing key
 * {@code {tenantId}.{type}}: the event's {@link EventMessage} (as webhooks get it), message id = event id, its
 * time, persistent. It waits for the broker's confirm; a nack, a timeout or an unreachable broker
 * throws, so the outbox keeps the publication incomplete and it is resubmitted (every minute by
 * {@code resubmit-failed-events}, and at restart): a broker outage delays events, loses none.
 * A consumer de-duplicates by message id (a confirm lost in transit means a second copy, and so
 * does a database outage that keeps the outbox from recording that the message went out: the
 * publication is resubmitted once {@code castiel.events.stale-after} has passed).
 *
 * <p>No transaction: publishing needs no database connection, and one held while waiting for
 * the broker's confirm would be taken from the requests' pool for up to the confirm timeout.
 */
@Component
@Conditional(AmqpConfigured.class)
class AmqpEventPublisher {

    private final RabbitTemplate template;
    private final AmqpProperties properties;
    private final JsonMapper json;

    AmqpEventPublisher(RabbitTemplate amqpTemplate, AmqpProperties properties, JsonMapper json) {
        this.template = amqpTemplate;
        this.properties = properties;
        this.json = json;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(DomainEvent change) {
        EventMessage event = EventMessage.of(change, json);
        MessageProperties headers = new MessageProperties();
        headers.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        headers.setContentEncoding(StandardCharsets.UTF_8.name());
        headers.setMessageId(event.id().toString());
        headers.setTimestamp(Date.from(event.occurredAt()));
        headers.setType(event.type());
        headers.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        Message message = new Message(json.writeValueAsBytes(event), headers);
        String routingKey = event.tenantId() + "." + event.type();
        template.invoke(operations -> {
            operations.send(properties.exchange(), routingKey, message);
            operations.waitForConfirmsOrDie(properties.confirmTimeout().toMillis());
            return null;
        });
    }
}
