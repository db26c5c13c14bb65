package io.castiel.notification;

import java.util.UUID;

/**
 * A notification was stored for its recipient, published in the storing transaction: realtime
 * pushes it to the recipient's open sockets on every node. {@code unreadCount} is the recipient's
 * count of unread notifications as of that commit, so a bell needs no second request.
 */
@org.jmolecules.event.annotation.DomainEvent
public record NotificationCreated(UUID tenantId, UUID userId, Notification notification, long unreadCount) {
}
