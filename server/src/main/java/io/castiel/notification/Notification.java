package io.castiel.notification;

import java.time.Instant;
import java.util.UUID;

/** An in-app notification as its recipient sees it. */
public record Notification(UUID id, String kind, String title, String body, String link, Instant readAt, Instant createdAt) {
}
