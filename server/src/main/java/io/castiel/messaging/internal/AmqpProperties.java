package io.castiel.messaging.internal;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * RabbitMQ externalization ({@code castiel.amqp.*}).
 *
 * @param url the broker, e.g. {@code amqp://user:password@rabbit:5672/vhost} ({@code amqps://} for TLS);
 *        unset: events are not externalized
 * @param exchange the durable topic exchange events are published to
 * @param confirmTimeout how long a publication waits for the broker's confirm before it counts as failed
 */
@ConfigurationProperties("castiel.amqp")
record AmqpProperties(URI url, String exchange, Duration confirmTimeout) {

    AmqpProperties {
        exchange = exchange == null || exchange.isBlank() ? "castiel.events" : exchange;
        confirmTimeout = confirmTimeout == null ? Duration.ofSeconds(5) : confirmTimeout;
    }
}
