package io.castiel.audit.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.castiel.platform.ApiException;
import io.castiel.platform.Cursors;
import io.castiel.platform.Page;
import io.castiel.platform.PageRequest;
import io.castiel.platform.TenantContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** Lists the audit log newest first and verifies the hash chain of the current tenant. */
@Service
public class AuditQueries {

    public record Filter(UUID actorId, String action, String resourceType, String resourceId, Instant from, Instant to) {
    }

    private static final int VERIFY_BATCH = 2_000;

    private final JdbcClient jdbc;
    private final Cursors cursors;
    private final TenantContext tenants;
    private final JsonMapper json;

    private final AuditChain chain;
    private final TransactionTemplate readOnly;

    AuditQueries(JdbcClient jdbc, Cursors cursors, TenantContext tenants, JsonMapper json, AuditChain chain,
            PlatformTransactionManager transactions) {
        this.chain = chain;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.jdbc = jdbc;
        this.cursors = cursors;
        this.tenants = tenants;
        this.json = json;
    }

    /** Chains the tenant's committed rows first, so the list has every one of them in chain order. */
    public Page<AuditRecord> list(Filter filter, int limit, String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        chain.chainPending(tenants.require());
        return readOnly.execute(status -> listChained(filter, page));
    }

    private Page<AuditRecord> listChained(Filter filter, PageRequest page) {
        StringBuilder sql = new StringBuilder("""
                select seq, id, actor_id, action, resource_type, resource_id, changes::text as changes, ip, user_agent, occurred_at
                from audit_log where tenant_id = :tenant""");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", tenants.require());
        if (filter.actorId() != null) {
            sql.append(" and actor_id = :actor");
            params.put("actor", filter.actorId());
        }
        if (filter.action() != null) {
            sql.append(" and action = :action");
            params.put("action", filter.action());
        }
        if (filter.resourceType() != null) {
            sql.append(" and resource_type = :resourceType");
            params.put("resourceType", filter.resourceType());
        }
        if (filter.resourceId() != null) {
            sql.append(" and resource_id = :resourceId");
            params.put("resourceId", filter.resourceId());
        }
        if (filter.from() != null) {
            sql.append(" and occurred_at >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" and occurred_at < :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        JsonNode position = cursors.position(page);
        if (position != null) {
            if (!position.path("auditSeq").isNumber()) {
                throw ApiException.badRequest("The cursor does not belong to this list", "/cursor");
            }
            sql.append(" and seq < :after");
            params.put("after", position.get("auditSeq").asLong());
        }
        sql.append(" order by seq desc limit :limit");
        params.put("limit", page.rowsToFetch());
        List<Listed> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> {
            String changes = rs.getString("changes");
            return new Listed(rs.getLong("seq"), new AuditRecord(rs.getObject("id", UUID.class), rs.getObject("actor_id", UUID.class),
                    rs.getString("action"), rs.getString("resource_type"), rs.getString("resource_id"),
                    changes == null ? null : json.readTree(changes), rs.getString("ip"), rs.getString("user_agent"),
                    rs.getTimestamp("occurred_at").toInstant()));
        }).list();
        return cursors.page(rows, page, last -> JsonNodeFactory.instance.objectNode().put("auditSeq", last.seq())).map(Listed::record);
    }

    private record Listed(long seq, AuditRecord record) {
    }

    /** Re-hashes every row in order (from the retention checkpoint, if any), in batches, and reports the first row whose hash or link is wrong. */
    public ChainVerification verify() {
        UUID tenantId = tenants.require();
        chain.chainPending(tenantId);
        return readOnly.execute(status -> verifyChained(tenantId));
    }

    private ChainVerification verifyChained(UUID tenantId) {
        long checked = 0;
        // After a retention purge the chain starts at the checkpoint (the last deleted row): the first
        // kept row must follow it and link to its hash.
        record Checkpoint(long seq, String hash) {
        }
        Checkpoint start = jdbc.sql("select seq, hash from audit_checkpoints where tenant_id = ?").param(tenantId)
                .query((rs, n) -> new Checkpoint(rs.getLong("seq"), rs.getString("hash"))).optional()
                .orElse(new Checkpoint(0, ChainHash.GENESIS));
        long lastSeq = start.seq();
        String prev = start.hash();
        while (true) {
            List<Row> batch = jdbc.sql("""
                    select seq, id, actor_id, action, resource_type, resource_id, changes::text as changes, ip, user_agent,
                           occurred_at, prev_hash, hash
                    from audit_log where tenant_id = ? and seq > ? order by seq limit ?""")
                    .params(tenantId, lastSeq, VERIFY_BATCH)
                    .query((rs, n) -> new Row(rs.getLong("seq"), rs.getObject("id", UUID.class), rs.getObject("actor_id", UUID.class),
                            rs.getString("action"), rs.getString("resource_type"), rs.getString("resource_id"), rs.getString("changes"),
                            rs.getString("ip"), rs.getString("user_agent"), rs.getTimestamp("occurred_at").toInstant(),
                            rs.getString("prev_hash"), rs.getString("hash")))
                    .list();
            for (Row row : batch) {
                String expected = ChainHash.of(tenantId, row.seq, row.id, row.actorId, row.action, row.resourceType, row.resourceId,
                        row.changes, row.ip, row.userAgent, row.occurredAt, prev);
                if (row.seq != lastSeq + 1 || !row.prevHash.equals(prev) || !row.hash.equals(expected)) {
                    return new ChainVerification(false, checked, row.id);
                }
                checked++;
                lastSeq = row.seq;
                prev = row.hash;
            }
            if (batch.size() < VERIFY_BATCH) {
                break;
            }
        }
        String head = jdbc.sql("select hash from audit_heads where tenant_id = ?").param(tenantId).query(String.class).optional()
                .orElse(ChainHash.GENESIS);
        // A chain whose newest rows were deleted no longer ends at the recorded head.
        return head.equals(prev) ? new ChainVerification(true, checked, null) : new ChainVerification(false, checked, null);
    }

    private record Row(long seq, UUID id, UUID actorId, String action, String resourceType, String resourceId, String changes,
            String ip, String userAgent, Instant occurredAt, String prevHash, String hash) {
    }
}
