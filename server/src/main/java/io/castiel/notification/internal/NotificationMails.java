package io.castiel.notification.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import io.castiel.identity.UserService;
import io.castiel.platform.MailProperties;
import io.castiel.platform.Mailer;
import io.castiel.platform.TenantContext;

/**
 * Emails stored notifications to their recipients, after the commit that stored them. Each sent
 * one is marked ({@code mailed_at}); when a send fails the listener fails, its publication stays
 * incomplete and runs again on restart, sending only what is still unsent (at least once). A
 * kind the recipient muted (see {@link NotificationPreferences}) stays in the app only.
 */
@Component
class NotificationMails {

    private record Unsent(UUID id, UUID userId, String title, String body, String link) {
    }

    private final JdbcClient jdbc;
    private final TenantContext tenants;
    private final Mailer mailer;
    private final MailProperties mail;
    private final UserService users;

    NotificationMails(JdbcClient jdbc, TenantContext tenants, Mailer mailer, MailProperties mail, UserService users) {
        this.users = users;
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.mailer = mailer;
        this.mail = mail;
    }

    // No surrounding transaction: each inTenant below opens its own with the tenant set for RLS.
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(NotificationsStored stored) {
        List<Unsent> unsent = tenants.inTenant(stored.tenantId(), () -> jdbc.sql("select n.id, n.user_id, n.title, n.body, n.link"
                + " from notifications n where n.tenant_id = :tenant and n.id in (:ids) and n.mailed_at is null"
                + " and not exists (select 1 from notification_preferences p where p.tenant_id = n.tenant_id and p.user_id = n.user_id"
                + " and n.kind = any(p.muted_email_kinds))")
                .param("tenant", stored.tenantId()).param("ids", stored.notificationIds())
                .query((rs, n) -> new Unsent(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("title"),
                        rs.getString("body"), rs.getString("link")))
                .list());
        // Identity says who is still active and where they read mail: a deactivated user gets none.
        Map<UUID, UserService.User> recipients = users.findActive(stored.tenantId(), unsent.stream().map(Unsent::userId).distinct().toList());
        for (Unsent notification : unsent) {
            UserService.User recipient = recipients.get(notification.userId());
            if (recipient == null) {
                continue;
            }
            mailer.send(new Mailer.Mail(recipient.email(), subject(notification.title()), text(notification)));
            tenants.inTenant(stored.tenantId(), () -> jdbc.sql("update notifications set mailed_at = now() where tenant_id = ? and id = ?")
                    .params(stored.tenantId(), notification.id()).update());
        }
    }

    private static String subject(String title) {
        return "[Castiel] " + title.replaceAll("[\\r\\n]+", " ");
    }

    private String text(Unsent notification) {
        StringBuilder text = new StringBuilder();
        if (notification.body() != null && !notification.body().isBlank()) {
            text.append(notification.body()).append("\n\n");
        }
        if (notification.link() != null) {
            text.append(mail.link(notification.link())).append("\n\n");
        }
        text.append("You see this notification in Castiel too: ").append(mail.link("/notifications")).append('\n');
        return text.toString();
    }
}
