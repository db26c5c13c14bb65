package io.castiel.webhook.internal;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The webhook delivery queue as {@link DeliveryDispatcher} works it: claiming the due heads of
 * endpoints' queues, leasing batches, recording attempts, scheduling retries and handing leases
 * back. Except for {@link #claimHeads}, each call needs the tenant's transaction.
 */
@Repository
class DeliveryLeases {

    /** A leased delivery with everything needed to send it. */
    record Job(UUID tenantId, UUID id, UUID endpointId, UUID eventId, String eventType, String payload, int attempt, boolean redelivery,
            String url, byte[] sealedSecret) {
    }

    /** The head of an endpoint's queue, leased by {@code webhook_claim_heads}. */
    record Claim(UUID tenantId, UUID id, UUID endpointId) {
    }

    /** One delivery's attempt, as recorded. */
    record Attempt(UUID id, String status, Integer responseCode, Long durationMs, String error) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    DeliveryLeases(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * Leases the due heads of up to {@code count} endpoints' queues, across tenants, leaving alone
     * the endpoints in {@code busy} (this node's workers hold them, see V27).
     */
    List<Claim> claimHeads(int count, int leaseSeconds, UUID[] busy) {
        return template.query(connection -> {
            PreparedStatement claim = connection.prepareStatement("select tenant_id, id, endpoint_id from webhook_claim_heads(?, ?, ?)");
            claim.setInt(1, count);
            claim.setInt(2, leaseSeconds);
            claim.setArray(3, connection.createArrayOf("uuid", busy));
            return claim;
        }, (rs, n) -> new Claim(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class), rs.getObject("endpoint_id", UUID.class)));
    }

    /**
     * Takes up to {@code batch} of the endpoint's pending deliveries, the longest prefix of its
     * queue that is due and not leased elsewhere ({@code head}: the one the caller already holds),
     * and leases the first of them only. That lease alone keeps the endpoint's queue to its holder:
     * a claim never takes an endpoint one of whose pending deliveries holds a live lease, a batch is
     * recorded and the next one leased in one transaction, and a lease outlives a batch's sending
     * time. If the node dies, the lease expires and another node sends the batch again (at least
     * once). The lease update alone decides, without locking the other rows: it checks the head
     * again as it is when it takes it (still pending, not leased by anyone else), and the batch is
     * returned only when it did.
     */
    List<Job> leaseBatch(UUID tenantId, UUID endpointId, UUID head, int batch, int leaseSeconds) {
        // The lease update finds its row by the ctid the candidates scan just read, so no plan can
        // make it filter the tenant's whole queue (a generic plan once did: bench/README.md, "Encoded
        // once, leased by ctid"); if the row changed meanwhile PostgreSQL follows it to its latest
        // version and checks the conditions there.
        return jdbc.sql("""
                with candidates as (
                    select ctid as row_id, id, queue_key, attempt, next_attempt_at, leased_until, event_id, event_type, payload, redelivery
                    from webhook_deliveries
                    where tenant_id = :tenant and endpoint_id = :endpoint and status = 'pending'
                    order by queue_key, attempt limit :batch),
                due as (
                    select * from (
                        select c.*, row_number() over w as position,
                               bool_and(coalesce(next_attempt_at <= now() and ((id = cast(:head as uuid)) is true
                                   or leased_until is null or leased_until < now()), false)) over w as ok
                        from candidates c window w as (order by queue_key, attempt)) ordered
                    where ok),
                leased as (
                    update webhook_deliveries d set leased_until = now() + make_interval(secs => :lease)
                    where d.ctid = (select row_id from due where position = 1) and d.tenant_id = :tenant and d.status = 'pending'
                      and ((d.id = cast(:head as uuid)) is true or d.leased_until is null or d.leased_until < now())
                      and exists (select 1 from webhook_endpoints e where e.tenant_id = :tenant and e.id = :endpoint and e.enabled)
                    returning d.id)
                select o.position, o.id, o.event_id, o.event_type, o.payload, o.attempt, o.redelivery, e.url, e.secret_sealed
                from due o
                join webhook_endpoints e on e.tenant_id = :tenant and e.id = :endpoint and e.enabled
                where exists (select 1 from leased)
                order by o.position""")
                .param("tenant", tenantId).param("endpoint", endpointId).param("batch", batch).param("head", head)
                .param("lease", leaseSeconds)
                .query((rs, n) -> new Job(tenantId, rs.getObject("id", UUID.class), endpointId, rs.getObject("event_id", UUID.class),
                        rs.getString("event_type"), rs.getString("payload"), rs.getInt("attempt"), rs.getBoolean("redelivery"),
                        rs.getString("url"), rs.getBytes("secret_sealed")))
                .list();
    }

    /** Records the attempts made at {@code now} and ends their leases: one statement for the whole batch. */
    void record(UUID tenantId, Instant now, List<Attempt> attempts) {
        // The attempts arrive as parallel arrays.
        template.update(connection -> {
            PreparedStatement update = connection.prepareStatement("""
                    update webhook_deliveries d set status = a.status, response_code = a.code, duration_ms = a.duration, error = a.error,
                        attempted_at = ?, next_attempt_at = null, leased_until = null
                    from unnest(?, ?, ?, ?, ?) as a (id, status, code, duration, error)
                    where d.tenant_id = ? and d.id = a.id""");
            update.setTimestamp(1, Timestamp.from(now));
            update.setArray(2, connection.createArrayOf("uuid", attempts.stream().map(Attempt::id).toArray()));
            update.setArray(3, connection.createArrayOf("text", attempts.stream().map(Attempt::status).toArray()));
            update.setArray(4, connection.createArrayOf("int4", attempts.stream().map(Attempt::responseCode).toArray()));
            update.setArray(5, connection.createArrayOf("int8", attempts.stream().map(Attempt::durationMs).toArray()));
            update.setArray(6, connection.createArrayOf("text", attempts.stream().map(Attempt::error).toArray()));
            update.setObject(7, tenantId);
            return update;
        });
    }

    /** Queues the next attempt of a failed delivery as a new pending row {@code id}, due after {@code wait}. */
    void scheduleRetry(Job job, UUID id, Instant now, Duration wait) {
        jdbc.sql("""
                insert into webhook_deliveries (tenant_id, id, endpoint_id, queue_key, event_id, event_type, payload, attempt,
                    status, created_at, next_attempt_at)
                select tenant_id, ?, endpoint_id, queue_key, event_id, event_type, payload, attempt + 1, 'pending', ?, ?
                from webhook_deliveries where tenant_id = ? and id = ?""")
                .params(id, Timestamp.from(now), Timestamp.from(now.plus(wait)), job.tenantId(), job.id())
                .update();
    }

    /** Hands back the leases of deliveries that were leased but not sent. */
    void releaseLeases(List<Job> unsent) {
        template.batchUpdate("update webhook_deliveries set leased_until = null where tenant_id = ? and id = ?",
                unsent.stream().map(job -> new Object[] {job.tenantId(), job.id()}).toList());
    }

    /** Hands back a pending delivery's lease; false when it is no longer pending. */
    boolean releaseLease(UUID tenantId, UUID id) {
        return jdbc.sql("update webhook_deliveries set leased_until = null where tenant_id = ? and id = ? and status = 'pending'")
                .params(tenantId, id).update() > 0;
    }

    /** Disables the job's endpoint; false when it was disabled already. */
    boolean disableEndpoint(Job job, Instant now) {
        return jdbc.sql("update webhook_endpoints set enabled = false, disabled_at = ?, updated_at = ? where tenant_id = ? and id = ? and enabled")
                .params(Timestamp.from(now), Timestamp.from(now), job.tenantId(), job.endpointId()).update() > 0;
    }
}
