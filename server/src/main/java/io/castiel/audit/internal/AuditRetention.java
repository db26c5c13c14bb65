package io.castiel.audit.internal;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.platform.RecurringJob;
import io.castiel.platform.TenantContext;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Audit retention ({@code auditRetentionDays} of the tenant settings): deletes each such tenant's
 * audit rows older than its retention. The request role cannot delete audit rows, so the deletion
 * is the SECURITY DEFINER function {@code purge_audit_log} (V14), which reads the retention itself,
 * cuts the chain only before its first row inside the window and moves the tenant's checkpoint
 * so that {@code GET /audit-logs/verify} checks the kept chain from there. The purge is recorded
 * as an {@code audit.purged} entry in the same transaction, so it is never silent. One tenant's
 * failure does not stop the others; the run then fails with the first error.
 */
@Component
class AuditRetention implements RecurringJob {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final JdbcClient jdbc;
    private final TenantContext tenants;
    private final AuditLog audit;

    private final AuditChain chain;

    AuditRetention(JdbcClient jdbc, TenantContext tenants, AuditLog audit, AuditChain chain) {
        this.chain = chain;
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "audit-retention";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        List<UUID> due = jdbc.sql("select * from audit_retention_tenants()").query(UUID.class).list();
        RuntimeException first = null;
        for (UUID tenantId : due) {
            try {
                purge(tenantId);
            } catch (RuntimeException e) {
                log.warn("Audit retention failed for tenant {}", tenantId, e);
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Purges one tenant's expired audit rows and records the purge; answers how many rows it deleted. */
    long purge(UUID tenantId) {
        record Purged(long deleted, long retainedFromSeq, int retentionDays) {
        }
        chain.chain(tenantId); // the purge cuts the chain by sequence number: rows must have theirs
        return tenants.inTenant(tenantId, () -> jdbc.sql("select deleted, retained_from_seq, retention_days from purge_audit_log()")
                .query((rs, n) -> new Purged(rs.getLong("deleted"), rs.getLong("retained_from_seq"), rs.getInt("retention_days")))
                .optional().map(purged -> {
                    audit.record(AuditEntry.of("audit.purged", "audit_log", null, JsonNodeFactory.instance.objectNode()
                            .put("deleted", purged.deleted())
                            .put("retainedFromSeq", purged.retainedFromSeq())
                            .put("retentionDays", purged.retentionDays())));
                    return purged.deleted();
                }).orElse(0L));
    }
}
