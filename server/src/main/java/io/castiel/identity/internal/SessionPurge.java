package io.castiel.identity.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.castiel.platform.RecurringJob;

/**
 * Deletes refresh-token rows that can no longer be used, of all tenants in one statement (the
 * SECURITY DEFINER function {@code purge_sessions}, V14): families past their absolute end and
 * tokens revoked or expired more than a day ago.
 */
@Component
class SessionPurge implements RecurringJob {

    private static final Logger log = LoggerFactory.getLogger(SessionPurge.class);

    private final JdbcClient jdbc;

    SessionPurge(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "purge-sessions";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        long deleted = jdbc.sql("select purge_sessions()").query(Long.class).single();
        log.debug("Purged {} dead session rows", deleted);
    }
}
