package io.castiel.shard.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.castiel.platform.RecurringJob;
import io.castiel.platform.TenantContext;
import io.castiel.shard.ShardTypeService;
import tools.jackson.databind.JsonNode;

/**
 * Brings the typed columns of every type up to date, cluster-wide: assigns the slots a type's
 * schema calls for and backfills its shards in batches (each its own transaction, resumable from
 * the map's cursor after a restart). Once per node start it also checks the ready maps against the
 * schemas of this build, since a release may change the built-in types.
 */
@Component
class ShardColumnsJob implements RecurringJob {

    private static final Logger log = LoggerFactory.getLogger(ShardColumnsJob.class);

    private final ShardColumns columns;
    private final ShardTypeService types;
    private final TenantContext tenants;
    private final AtomicBoolean checked = new AtomicBoolean();

    ShardColumnsJob(ShardColumns columns, ShardTypeService types, TenantContext tenants) {
        this.columns = columns;
        this.types = types;
        this.tenants = tenants;
    }

    @Override
    public String name() {
        return "shard-columns";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(2);
    }

    @Override
    public void run() {
        if (checked.compareAndSet(false, true)) {
            for (var map : columns.readyMaps()) {
                UUID tenant = map.getKey().getKey();
                String type = map.getKey().getValue();
                tenants.inTenant(tenant, () -> {
                    if (!ShardColumns.hash(ShardColumns.wanted(schema(tenant, type))).equals(map.getValue())) {
                        columns.markStale(tenant, type);
                    }
                    return null;
                });
            }
        }
        for (Map.Entry<UUID, String> map : columns.pending()) {
            UUID tenant = map.getKey();
            String type = map.getValue();
            Optional<Integer> version = tenants.inTenant(tenant, () -> columns.prepare(tenant, type, schema(tenant, type)));
            if (version.isEmpty()) {
                continue;
            }
            long started = System.nanoTime();
            int batches = 0;
            while (tenants.inTenant(tenant, () -> columns.backfill(tenant, type, version.get()))) {
                batches++;
            }
            if (batches > 0) {
                log.info("Typed columns of {} in tenant {} filled in {} ms", type, tenant, (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    private JsonNode schema(UUID tenant, String type) {
        // Null when the type is gone: nothing of it is slotted then.
        return types.resolve(tenant, type).map(ShardTypeService.ResolvedType::effectiveSchema).orElse(null);
    }
}
