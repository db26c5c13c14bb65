package io.castiel.audit.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.Ids;
import io.castiel.platform.RequestOrigin;
import io.castiel.platform.TenantContext;

/**
 * Appends to the tenant's chain: lock the chain head (one row per tenant), hash the new rows in
 * order, batch-insert them and move the head: two statements for one entry, three for many. The
 * head lock makes appends of one tenant serial until commit, so callers append last.
 */
@Service
class JdbcAuditLog implements AuditLog {

    private static final String INSERT = """
            insert into audit_log (tenant_id, seq, id, actor_id, action, resource_type, resource_id, changes, ip,
                                   user_agent, occurred_at, prev_hash, hash)
            values (?, ?, ?, ?, ?, ?, ?, cast(? as json), ?, ?, ?, ?, ?)
            """;

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
        Head head = lockHead(tenantId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long seq = head.seq();
        String prev = head.hash();
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (AuditEntry entry : entries) {
            seq++;
            UUID id = ids.next();
            UUID actor = entry.actorId() != null ? entry.actorId() : currentActor;
            String changes = entry.changes() == null ? null : entry.changes().toString();
            String hash = ChainHash.of(tenantId, seq, id, actor, entry.action(), entry.resourceType(), entry.resourceId(),
                    changes, origin.ip(), origin.userAgent(), now, prev);
            rows.add(new Object[] {tenantId, seq, id, actor, entry.action(), entry.resourceType(), entry.resourceId(), changes,
                    origin.ip(), origin.userAgent(), Timestamp.from(now), prev, hash});
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
