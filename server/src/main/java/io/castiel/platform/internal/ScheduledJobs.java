package io.castiel.platform.internal;

import java.time.Instant;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.castiel.platform.Jobs;
import io.castiel.platform.TenantContext;
import tools.jackson.databind.JsonNode;

/** {@link Jobs} on db-scheduler. The scheduler is looked up lazily: job handlers may themselves schedule jobs. */
@Component
class ScheduledJobs implements Jobs {

    private final ObjectProvider<SchedulerConfiguration.SchedulerLifecycle> scheduler;
    private final TenantContext tenants;

    ScheduledJobs(ObjectProvider<SchedulerConfiguration.SchedulerLifecycle> scheduler, TenantContext tenants) {
        this.scheduler = scheduler;
        this.tenants = tenants;
    }

    @Override
    public boolean schedule(String name, String instanceId, Instant at, JsonNode payload) {
        if (instanceId == null || instanceId.isBlank()) {
            throw new IllegalArgumentException("A one-off job instance needs an id");
        }
        return scheduler.getObject().schedule(name, instanceId, tenants.current().orElse(null), at, payload);
    }
}
