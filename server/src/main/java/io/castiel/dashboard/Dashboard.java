package io.castiel.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A dashboard as the API shows it. {@code ownerId} is null for the built-in starter dashboards;
 * {@code revision} is its ETag.
 */
public record Dashboard(UUID id, String name, String description, String visibility, List<String> roles, List<LayoutItem> layout,
        List<Widget> widgets, UUID ownerId, int revision, Instant createdAt, Instant updatedAt) {

    public static final String PRIVATE = "private";
    public static final String TENANT = "tenant";
    public static final String ROLES = "roles";
}
