package io.castiel.search.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The backlog of shards to (re)embed ({@code embedding_queue}). */
@Repository
public class EmbeddingQueue {

    /** A claimed row; {@code enqueuedAt} tells whether it was queued again meanwhile. */
    public record Claimed(UUID tenantId, UUID shardId, Instant enqueuedAt, boolean force, int attempts) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    /** Claims run outside any tenant (the claim function is security definer). */
    private final JdbcClient unscoped;

    EmbeddingQueue(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource) {
        this.jdbc = jdbc;
        this.template = template;
        this.unscoped = JdbcClient.create(dataSource);
    }

    /** Queues shards of the current tenant; one already queued is queued again (and runs again if being worked on). */
    public void enqueue(UUID tenantId, Collection<UUID> shardIds, boolean force) {
        template.batchUpdate("""
                insert into embedding_queue (tenant_id, shard_id, force) values (?, ?, ?)
                on conflict (tenant_id, shard_id) do update set enqueued_at = clock_timestamp(), leased_until = null, attempts = 0,
                    force = embedding_queue.force or excluded.force""",
                shardIds.stream().map(id -> new Object[] {tenantId, id, force}).toList());
    }

    public List<Claimed> claim(int limit, int leaseSeconds) {
        return unscoped.sql("select tenant_id, shard_id, enqueued_at, force, attempts from embedding_claim(?, ?)")
                .params(limit, leaseSeconds)
                .query((rs, n) -> new Claimed(rs.getObject("tenant_id", UUID.class), rs.getObject("shard_id", UUID.class),
                        rs.getTimestamp("enqueued_at").toInstant(), rs.getBoolean("force"), rs.getInt("attempts")))
                .list();
    }

    /** Removes a processed row unless it was queued again meanwhile. Needs the tenant's transaction. */
    public void done(Claimed row) {
        jdbc.sql("delete from embedding_queue where tenant_id = ? and shard_id = ? and enqueued_at = ?")
                .params(row.tenantId(), row.shardId(), Timestamp.from(row.enqueuedAt())).update();
    }

    /** Leaves a failed row for a later attempt, backing off. Needs the tenant's transaction. */
    public void retryLater(Claimed row, int seconds) {
        jdbc.sql("update embedding_queue set leased_until = now() + make_interval(secs => ?) where tenant_id = ? and shard_id = ? and enqueued_at = ?")
                .params(seconds, row.tenantId(), row.shardId(), Timestamp.from(row.enqueuedAt())).update();
    }

    /** How many shards of the current tenant wait. */
    public long backlog(UUID tenantId) {
        return jdbc.sql("select count(*) from embedding_queue where tenant_id = ?").param(tenantId).query(Long.class).single();
    }
}
