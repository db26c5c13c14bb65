package io.castiel.platform.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.castiel.platform.RecurringJob;

/**
 * Deletes idempotency keys older than the 24 hours during which a repeat gets the first answer,
 * for all tenants in one statement (the SECURITY DEFINER function {@code purge_idempotency_keys}, V14).
 */
@Component
class IdempotencyKeyPurge implements RecurringJob {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPurge.class);

    private final JdbcClient jdbc;

    IdempotencyKeyPurge(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "purge-idempotency-keys";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        long deleted = jdbc.sql("select purge_idempotency_keys()").query(Long.class).single();
        log.debug("Purged {} expired idempotency keys", deleted);
    }
}
