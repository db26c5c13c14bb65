package io.castiel.audit.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.Ids;
import io.castiel.platform.RequestOrigin;
import io.castiel.platform.TenantContext;

/**
 * Appends to the tenant's chain: lock the chain head (one row per tenant), hash the new rows in
 * order, batch-insert them and move the head. The head lock makes the appends of one tenant serial
 * until commit, so the append is deferred to the very end of the caller's transaction (a
 * before-commit hook): whatever the caller does after recording (publishing events, queueing
 * webhook deliveries) happens before the lock is taken, and all the entries of one transaction go
 * in one append. The lock is then held only for the append and the commit itself.
 */
@Service
class JdbcAuditLog implements AuditLog {

    private static final String INSERT = """
            insert into audit_log (tenant_id, seq, id, actor_id, action, resource_type, resource_id, changes, ip,
                                   user_agent, occurred_at, prev_hash, hash)
            values (?, ?, ?, ?, ?, ?, ?, cast(? as json), ?, ?, ?, ?, ?)
            """;

    /** An entry as recorded: who and from where are taken when it is recorded, not at commit. */
    private record Pending(AuditEntry entry, UUID actorId, RequestOrigin.Origin origin) {
    }

    /** The entries recorded in one transaction, per tenant, in order, until its commit. */
    private final class PendingAppends implements TransactionSynchronization {

        private final Map<UUID, List<Pending>> byTenant = new LinkedHashMap<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            byTenant.forEach(JdbcAuditLog.this::append);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(JdbcAuditLog.this);
        }
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TenantContext tenants;
    private final ActorContext actors;
    private final RequestOrigin origins;
    private final Ids ids;
    private final Clock clock;

    JdbcAuditLog(JdbcClient jdbc, JdbcTemplate template, TenantContext tenants, ActorContext actors, RequestOrigin origins,
            Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.tenants = tenants;
        this.actors = actors;
        this.origins = origins;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditEntry entry) {
        record(List.of(entry));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        UUID tenantId = tenants.require();
        UUID currentActor = actors.find().map(Actor::userId).orElse(null);
        RequestOrigin.Origin origin = origins.current();
        List<Pending> pending = pendingAppends().byTenant.computeIfAbsent(tenantId, t -> new ArrayList<>());
        for (AuditEntry entry : entries) {
            pending.add(new Pending(entry, entry.actorId() != null ? entry.actorId() : currentActor, origin));
        }
    }

    private PendingAppends pendingAppends() {
        PendingAppends appends = (PendingAppends) TransactionSynchronizationManager.getResource(this);
        if (appends == null) {
            appends = new PendingAppends();
            TransactionSynchronizationManager.bindResource(this, appends);
            TransactionSynchronizationManager.registerSynchronization(appends);
        }
        return appends;
    }

    private void append(UUID tenantId, List<Pending> entries) {
        Head head = lockHead(tenantId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long seq = head.seq();
        String prev = head.hash();
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (Pending pending : entries) {
            AuditEntry entry = pending.entry();
            seq++;
            UUID id = ids.next();
            String changes = entry.changes() == null ? null : entry.changes().toString();
            String hash = ChainHash.of(tenantId, seq, id, pending.actorId(), entry.action(), entry.resourceType(), entry.resourceId(),
                    changes, pending.origin().ip(), pending.origin().userAgent(), now, prev);
            rows.add(new Object[] {tenantId, seq, id, pending.actorId(), entry.action(), entry.resourceType(), entry.resourceId(), changes,
                    pending.origin().ip(), pending.origin().userAgent(), Timestamp.from(now), prev, hash});
            prev = hash;
        }
        if (rows.size() == 1) {
            // The common case, one entry: append and move the head in one statement.
            jdbc.sql(INSERT.replace("insert into", "with appended as (insert into") + """
                     returning seq, hash)
                    update audit_heads set seq = appended.seq, hash = appended.hash from appended
                    where audit_heads.tenant_id = ?""")
                    .params(appendParam(rows.get(0), tenantId)).update();
            return;
        }
        template.batchUpdate(INSERT, rows);
        jdbc.sql("update audit_heads set seq = ?, hash = ? where tenant_id = ?").params(seq, prev, tenantId).update();
    }

    private static Object[] appendParam(Object[] row, UUID tenantId) {
        Object[] params = java.util.Arrays.copyOf(row, row.length + 1);
        params[row.length] = tenantId;
        return params;
    }

    private record Head(long seq, String hash) {
    }

    private Head lockHead(UUID tenantId) {
        String lock = "select seq, hash from audit_heads where tenant_id = ? for update";
        return jdbc.sql(lock).param(tenantId).query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).optional()
                .orElseGet(() -> {
                    jdbc.sql("insert into audit_heads (tenant_id, seq, hash) values (?, 0, ?) on conflict do nothing")
                            .params(tenantId, ChainHash.GENESIS).update();
                    return jdbc.sql(lock).param(tenantId).query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
                });
    }
}
