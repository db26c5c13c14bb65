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
 * Records audit rows in the caller's transaction, unchained: the rows of one transaction are
 * inserted together just before it commits (so a service may record first and publish after), and
 * right after the commit {@link AuditChain} sequences them into the tenant's hash chain. Nothing in
 * the write's transaction locks the chain, so the writes of one tenant do not queue behind each
 * other's commits.
 */
@Service
class JdbcAuditLog implements AuditLog {

    private static final String INSERT = """
            insert into audit_log (tenant_id, id, actor_id, action, resource_type, resource_id, changes, ip, user_agent, occurred_at)
            values (?, ?, ?, ?, ?, ?, cast(? as json), ?, ?, ?)
            """;

    /** An entry as recorded: who, from where and when are taken when it is recorded, not at commit. */
    private record Pending(UUID id, AuditEntry entry, UUID actorId, RequestOrigin.Origin origin, Instant occurredAt) {
    }

    /** The entries recorded in one transaction, per tenant, in order, until its commit. */
    private final class PendingAppends implements TransactionSynchronization {

        private final Map<UUID, List<Pending>> byTenant = new LinkedHashMap<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            byTenant.forEach(JdbcAuditLog.this::insert);
        }

        @Override
        public void afterCommit() {
            chain.requested(byTenant.keySet());
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(JdbcAuditLog.this);
        }
    }

    private final JdbcTemplate template;
    private final TenantContext tenants;
    private final ActorContext actors;
    private final RequestOrigin origins;
    private final Ids ids;
    private final Clock clock;
    private final AuditChain chain;

    JdbcAuditLog(JdbcTemplate template, TenantContext tenants, ActorContext actors, RequestOrigin origins,
            Ids ids, Clock clock, AuditChain chain) {
        this.chain = chain;
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
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Pending> pending = pendingAppends().byTenant.computeIfAbsent(tenantId, t -> new ArrayList<>());
        for (AuditEntry entry : entries) {
            pending.add(new Pending(ids.next(), entry, entry.actorId() != null ? entry.actorId() : currentActor, origin, now));
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

    private void insert(UUID tenantId, List<Pending> entries) {
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (Pending pending : entries) {
            AuditEntry entry = pending.entry();
            rows.add(new Object[] {tenantId, pending.id(), pending.actorId(), entry.action(), entry.resourceType(), entry.resourceId(),
                    entry.changes() == null ? null : entry.changes().toString(), pending.origin().ip(), pending.origin().userAgent(),
                    Timestamp.from(pending.occurredAt())});
        }
        template.batchUpdate(INSERT, rows);
    }
}
