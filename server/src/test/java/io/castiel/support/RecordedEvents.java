package io.castiel.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.modulith.events.ApplicationModuleListener;

import io.castiel.platform.DomainEvent;
import io.castiel.platform.EventMessage;
import io.castiel.platform.NotificationRequested;

/**
 * A consumer of every event, as the durable ones (RabbitMQ, ...) are: an
 * {@code @ApplicationModuleListener}, so it runs after commit through the publication registry
 * (and sees each event after a round trip through its serialised form). Each is kept as the
 * outside world sees it, with who made the change beside it.
 */
public class RecordedEvents {

    /** An event's wire shape and its actor (which the wire shape leaves out). */
    public record Recorded(EventMessage message, UUID actorId) {

        public UUID id() {
            return message.id();
        }

        public String type() {
            return message.type();
        }

        public UUID tenantId() {
            return message.tenantId();
        }

        public tools.jackson.databind.JsonNode data() {
            return message.data();
        }

        public tools.jackson.databind.JsonNode previous() {
            return message.previous();
        }

        public UUID shardId() {
            return message.shardId();
        }
    }

    private final tools.jackson.databind.json.JsonMapper json;
    private final List<Recorded> events = new CopyOnWriteArrayList<>();
    private final List<NotificationRequested> notifications = new CopyOnWriteArrayList<>();

    public RecordedEvents(tools.jackson.databind.json.JsonMapper json) {
        this.json = json;
    }

    @ApplicationModuleListener
    void on(DomainEvent event) {
        events.add(new Recorded(EventMessage.of(event, json), event.header().actorId()));
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
    public List<Recorded> of(UUID tenantId) {
        return events.stream().filter(e -> e.tenantId().equals(tenantId)).sorted(Comparator.comparing(Recorded::id)).toList();
    }

    /** Waits (up to 10 s) until the tenant has at least {@code count} events. */
    public List<Recorded> await(UUID tenantId, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            List<Recorded> found = of(tenantId);
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
