package io.castiel.webhook.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.castiel.platform.RecurringJob;
import io.castiel.webhook.WebhookProperties;

/** Purges finished webhook deliveries older than {@code castiel.webhooks.log-retention}, hourly, for all tenants. */
@Component
class DeliveryLogPurge implements RecurringJob {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final WebhookProperties properties;

    DeliveryLogPurge(JdbcClient jdbc, Clock clock, WebhookProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "webhook-delivery-log-purge";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        purge();
    }

    long purge() {
        return jdbc.sql("select webhook_purge_deliveries(?)").param(Timestamp.from(clock.instant().minus(properties.logRetention())))
                .query(Long.class).single();
    }
}
