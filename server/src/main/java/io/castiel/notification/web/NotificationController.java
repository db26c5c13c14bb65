package io.castiel.notification.web;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.notification.internal.Notification;
import io.castiel.notification.internal.Notifications;
import io.castiel.platform.Page;

/**
 * {@code /api/v1/notifications}: the caller's own in-app notifications. Marking read is a POST
 * on the notification (an action, like Stripe's), and {@code read-all} marks every one.
 */
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationController {

    record UnreadCount(long count) {
    }

    record MarkedRead(int marked) {
    }

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
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

    @GetMapping("/{id}")
    Notification get(@PathVariable UUID id) {
        return notifications.get(id);
    }

    @PostMapping("/{id}/read")
    Notification markRead(@PathVariable UUID id) {
        return notifications.markRead(id);
    }
}
