package io.castiel.notification.internal;

import java.util.List;
import java.util.UUID;

/**
 * Published in the transaction that stored notifications: their emails are sent after commit by
 * {@link NotificationMails}, through the publication registry, so an SMTP failure is retried
 * without storing the in-app notifications twice.
 */
public record NotificationsStored(UUID tenantId, List<UUID> notificationIds) {
}
