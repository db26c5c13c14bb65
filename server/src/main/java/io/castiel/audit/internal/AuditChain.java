package io.castiel.audit.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.castiel.platform.RecurringJob;
import io.castiel.platform.TenantContext;

/**
 * Sequences audit rows into their tenant's hash chain after the writes that recorded them have
 * committed. Writes insert unchained rows and never wait for one another; the chain head's lock
 * is taken here, once for a whole run of rows, so one WAL flush chains many writes. Rows are
 * chained in id order as they become visible: a row committed late gets the next sequence number,
 * which is what the chain records (the order in which the log saw them).
 *
 * <p>Right after a commit the writer asks for its tenant to be chained on a background thread
 * (requests coalesce per tenant); reads and verification chain synchronously first, so they never
 * miss a committed row; and a recurring job catches up rows left by a node that died in between.
 */
@Component
class AuditChain implements SmartLifecycle, RecurringJob {

    private static final Logger log = LoggerFactory.getLogger(AuditChain.class);
    /** Rows chained per transaction: bounds the transaction, not the run (it loops). */
    private static final int BATCH = 1_000;

    private record Unchained(UUID id, UUID actorId, String action, String resourceType, String resourceId, String changes, String ip,
            String userAgent, Timestamp occurredAt) {
    }

    private record Head(long seq, String hash) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TenantContext tenants;
    private final Set<UUID> requested = ConcurrentHashMap.newKeySet();
    private volatile ExecutorService chainer;

    AuditChain(JdbcClient jdbc, JdbcTemplate template, TenantContext tenants) {
        this.jdbc = jdbc;
        this.template = template;
        this.tenants = tenants;
    }

    /** After a commit: chain these tenants' new rows soon, without making the caller wait. */
    void requested(Collection<UUID> tenantIds) {
        ExecutorService current = chainer;
        for (UUID tenantId : tenantIds) {
            if (current == null) {
                return; // not started or stopping: the recurring job chains them
            }
            if (requested.add(tenantId)) {
                try {
                    current.execute(() -> {
                        requested.remove(tenantId);
                        try {
                            chain(tenantId);
                        } catch (RuntimeException e) {
                            log.warn("Chaining the audit rows of tenant {} failed; the recurring job retries: {}", tenantId, e.toString());
                        }
                    });
                } catch (RuntimeException e) {
                    requested.remove(tenantId);
                }
            }
        }
    }

    /** Chains every committed unchained row of the tenant; answers how many. */
    long chain(UUID tenantId) {
        long chained = 0;
        while (true) {
            int n = tenants.inTenant(tenantId, () -> chainBatch(tenantId));
            chained += n;
            if (n < BATCH) {
                return chained;
            }
        }
    }

    /** Whether the tenant has rows to chain: a cheap check (a partial index) before taking the head lock. */
    boolean hasUnchained(UUID tenantId) {
        return tenants.inTenant(tenantId, () -> jdbc.sql("select exists (select 1 from audit_log where tenant_id = ? and seq is null)")
                .param(tenantId).query(Boolean.class).single());
    }

    /** Chains the tenant's pending rows first when there are any (reads call this). */
    void chainPending(UUID tenantId) {
        if (hasUnchained(tenantId)) {
            chain(tenantId);
        }
    }

    private int chainBatch(UUID tenantId) {
        Head head = lockHead(tenantId);
        List<Unchained> rows = jdbc.sql("""
                select id, actor_id, action, resource_type, resource_id, changes::text as changes, ip, user_agent, occurred_at
                from audit_log where tenant_id = ? and seq is null order by id limit ?""")
                .params(tenantId, BATCH)
                .query((rs, n) -> new Unchained(rs.getObject("id", UUID.class), rs.getObject("actor_id", UUID.class), rs.getString("action"),
                        rs.getString("resource_type"), rs.getString("resource_id"), rs.getString("changes"), rs.getString("ip"),
                        rs.getString("user_agent"), rs.getTimestamp("occurred_at")))
                .list();
        if (rows.isEmpty()) {
            return 0;
        }
        long seq = head.seq();
        String prev = head.hash();
        List<Object[]> updates = new ArrayList<>(rows.size());
        for (Unchained row : rows) {
            seq++;
            String hash = ChainHash.of(tenantId, seq, row.id(), row.actorId(), row.action(), row.resourceType(), row.resourceId(),
                    row.changes(), row.ip(), row.userAgent(), row.occurredAt().toInstant(), prev);
            updates.add(new Object[] {seq, prev, hash, tenantId, row.id()});
            prev = hash;
        }
        template.batchUpdate("update audit_log set seq = ?, prev_hash = ?, hash = ? where tenant_id = ? and id = ? and seq is null", updates);
        jdbc.sql("update audit_heads set seq = ?, hash = ? where tenant_id = ?").params(seq, prev, tenantId).update();
        return rows.size();
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

    // The catch-up job -------------------------------------------------------------------------

    @Override
    public String name() {
        return "chain-audit-log";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(10);
    }

    @Override
    public void run() {
        for (UUID tenantId : jdbc.sql("select * from audit_unchained_tenants()").query(UUID.class).list()) {
            chain(tenantId);
        }
    }

    // Lifecycle of the background chainer -------------------------------------------------------

    @Override
    public void start() {
        chainer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-chain");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void stop() {
        ExecutorService current = chainer;
        chainer = null;
        if (current != null) {
            current.shutdown();
            try {
                current.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return chainer != null;
    }

    @Override
    public int getPhase() {
        // Stops before the database (default phase) so that queued chaining finishes first.
        return Integer.MAX_VALUE - 1000;
    }
}
