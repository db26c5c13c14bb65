/**
 * Messaging: every event is also published to RabbitMQ (topic exchange {@code castiel.events},
 * routing key {@code {tenantId}.{type}}) for other systems to consume, when
 * {@code castiel.amqp.url} is set. Off otherwise.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Messaging")
package io.castiel.messaging;
