package io.castiel.platform;

import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * The handler of one-off jobs of one kind, scheduled through {@link Jobs#schedule}. Declare it as
 * a bean; the scheduler runs each scheduled instance once, on one node of the cluster, at or after
 * its time. A run that throws is recorded as failed and tried again five minutes later.
 */
public interface OneOffJob {

    /** Unique, stable name: scheduled instances are stored under it. */
    String name();

    /**
     * @param tenantId the tenant the job was scheduled for (the one current at scheduling), or null;
     *        the handler runs outside any tenant and uses {@link TenantContext#inTenant} with it
     */
    void run(String instanceId, UUID tenantId, JsonNode payload);
}
