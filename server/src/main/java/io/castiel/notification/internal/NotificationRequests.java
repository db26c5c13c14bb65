package io.castiel.notification.internal;

import java.util.List;
import java.util.Locale;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import io.castiel.platform.NotificationRequested;
import io.castiel.platform.TenantContext;

/**
 * Turns a {@link NotificationRequested} of any module into in-app notifications (their emails
 * follow, see {@link NotificationMails}): for the one user it names, or for every active admin
 * and owner of the tenant. A request has no identity of its own, so should this consumer fail
 * after its commit and run again, it would store the notifications once more; it commits in one
 * transaction and does nothing after it, so that can only happen if the registry's completion
 * mark itself fails.
 */
@Component
class NotificationRequests {

    private final TenantContext tenants;
    private final Recipients recipients;
    private final Notifications notifications;

    NotificationRequests(TenantContext tenants, Recipients recipients, Notifications notifications) {
        this.tenants = tenants;
        this.recipients = recipients;
        this.notifications = notifications;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(NotificationRequested request) {
        String kind = request.kind() == null || request.kind().isBlank() ? "notice" : request.kind().toLowerCase(Locale.ROOT);
        String title = request.title() == null || request.title().isBlank() ? kind : request.title();
        tenants.inTenant(request.tenantId(), () -> {
            List<Recipients.Recipient> to = request.userId() == null ? recipients.admins(request.tenantId())
                    : recipients.user(request.tenantId(), request.userId()).stream().toList();
            notifications.store(request.tenantId(), to.stream()
                    .map(r -> new Draft(r.userId(), kind, title, request.body(), request.link(), null)).toList());
            return null;
        });
    }
}
