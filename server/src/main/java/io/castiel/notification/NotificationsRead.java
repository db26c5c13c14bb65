package io.castiel.notification;

import java.util.List;
import java.util.UUID;

/**
 * A user marked notifications read (one, or all that were unread), published in that
 * transaction: their other sockets, on any node, learn the new unread count.
 */
@org.jmolecules.event.annotation.DomainEvent
public record NotificationsRead(UUID tenantId, UUID userId, List<UUID> notificationIds, long unreadCount) {
}
