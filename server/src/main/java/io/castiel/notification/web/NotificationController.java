package io.castiel.notification.web;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.notification.Notification;
import io.castiel.notification.internal.NotificationPreferences;
import io.castiel.notification.internal.Notifications;
import io.castiel.platform.Page;

/**
 * {@code /api/v1/notifications}: the caller's own in-app notifications. Marking read is a POST
 * on the notification (an action, like Stripe's), and {@code read-all} marks every one;
 * {@code preferences} says which kinds the caller wants without email.
 */
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationController {

    record UnreadCount(long count) {
    }

    record MarkedRead(int marked) {
    }

    private final Notifications notifications;
    private final NotificationPreferences preferences;

    NotificationController(Notifications notifications, NotificationPreferences preferences) {
        this.notifications = notifications;
        this.preferences = preferences;
    }

    @GetMapping
    Page<Notification> list(@RequestParam(defaultValue = "false") boolean unread, @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) String cursor) {
        return notifications.list(unread, limit, cursor);
    }

    @GetMapping("/unread-count")
    UnreadCount unreadCount() {
        return new UnreadCount(notifications.unreadCount());
    }

    @PostMapping("/read-all")
    MarkedRead markAllRead() {
        return new MarkedRead(notifications.markAllRead());
    }

    @GetMapping("/preferences")
    NotificationPreferences.Preferences preferences() {
        return preferences.get();
    }

    @PutMapping("/preferences")
    NotificationPreferences.Preferences putPreferences(@RequestBody NotificationPreferences.Preferences body) {
        return preferences.put(body.mutedEmailKinds());
    }

    @GetMapping("/{id}")
    Notification get(@PathVariable UUID id) {
        return notifications.get(id);
    }

    @PostMapping("/{id}/read")
    Notification markRead(@PathVariable UUID id) {
        return notifications.markRead(id);
    }
}
