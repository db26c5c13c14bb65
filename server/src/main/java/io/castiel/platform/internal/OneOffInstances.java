package io.castiel.platform.internal;

import java.util.UUID;

/**
 * How a one-off job instance is stored in {@code scheduled_tasks.task_instance}: prefixed with the
 * tenant it was scheduled for ({@code <tenantId>/<instanceId>}, or {@code -/<instanceId>}), so two
 * tenants' instances never collide and {@code GET /jobs} can show a tenant its own pending
 * instances with one indexed comparison, without reading the payload.
 */
final class OneOffInstances {

    private static final String NO_TENANT = "-";

    private OneOffInstances() {
    }

    static String storedId(UUID tenantId, String instanceId) {
        return (tenantId == null ? NO_TENANT : tenantId.toString()) + "/" + instanceId;
    }

    static String prefix(UUID tenantId) {
        return tenantId + "/";
    }

    static String instanceId(String storedId) {
        return storedId.substring(storedId.indexOf('/') + 1);
    }
}
