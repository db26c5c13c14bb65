package io.castiel.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Waits until this module's event consumers have finished with a tenant's events, so a test can
 * assert that something did not happen. Their publications (in {@code event_publication}) exist
 * from the commit of the change on, and each one completes only after its consumer succeeded; a
 * consumer that fails leaves its publication incomplete and the wait fails.
 */
final class Consumers {

    private Consumers() {
    }

    static void awaitIdle(JdbcClient jdbc, UUID tenantId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            long pending = jdbc.sql("select count(*) from event_publication where completion_date is null"
                    + " and listener_id like 'io.castiel.notification.%' and serialized_event like ?")
                    .params("%" + tenantId + "%").query(Long.class).single();
            if (pending == 0) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(pending + " notification consumer runs of tenant " + tenantId + " still incomplete after 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
