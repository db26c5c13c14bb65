package io.castiel.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.modulith.events.ApplicationModuleListener;

import io.castiel.platform.CastielEvent;
import io.castiel.platform.NotificationRequested;

/**
 * A consumer of every event, as the real ones (webhooks, WebSocket, ...) are: an
 * {@code @ApplicationModuleListener}, so it runs after commit through the publication registry.
 */
public class RecordedEvents {

    private final List<CastielEvent> events = new CopyOnWriteArrayList<>();
    private final List<NotificationRequested> notifications = new CopyOnWriteArrayList<>();

    @ApplicationModuleListener
    void on(CastielEvent event) {
        events.add(event);
    }

    @ApplicationModuleListener
    void on(NotificationRequested notification) {
        notifications.add(notification);
    }

    /** The notifications requested for the tenant so far. */
    public List<NotificationRequested> notificationsOf(UUID tenantId) {
        return notifications.stream().filter(n -> n.tenantId().equals(tenantId)).toList();
    }

    /**
     * The tenant's events so far, in publication order: sorted by id (UUIDv7, increasing in this
     * process), since async consumers receive them in whatever order their threads run.
     */
    public List<CastielEvent> of(UUID tenantId) {
        return events.stream().filter(e -> e.tenantId().equals(tenantId)).sorted(Comparator.comparing(CastielEvent::id)).toList();
    }

    /** Waits (up to 10 s) until the tenant has at least {@code count} events. */
    public List<CastielEvent> await(UUID tenantId, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            List<CastielEvent> found = of(tenantId);
            if (found.size() >= count) {
                return found;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Expected " + count + " events of tenant " + tenantId + ", got " + of(tenantId));
    }
}
