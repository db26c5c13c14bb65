package io.castiel.platform;

import java.util.UUID;

/**
 * Asks the notifications module to tell people about something: an in-app notification and an
 * email. Any module publishes it (inside its transaction, like a {@link DomainEvent}) instead of
 * knowing how people are notified: a disabled webhook endpoint, a failed integration sync...
 *
 * @param userId the one user to notify, or null for every admin and owner of the tenant
 * @param kind a stable machine name, e.g. {@code webhook.disabled}, {@code integration.sync_failed}
 * @param link an app-relative path to what it is about (e.g. {@code /webhooks/0193...}), or null
 */
public record NotificationRequested(UUID tenantId, UUID userId, String kind, String title, String body, String link) {

    public static NotificationRequested toAdmins(UUID tenantId, String kind, String title, String body, String link) {
        return new NotificationRequested(tenantId, null, kind, title, body, link);
    }
}
