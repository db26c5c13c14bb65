package io.castiel.webhook.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.platform.Ids;
import io.castiel.platform.NotificationRequested;
import io.castiel.platform.TenantContext;
import io.castiel.webhook.WebhookProperties;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Sends queued webhook deliveries. State lives in PostgreSQL: a pending row with its
 * {@code next_attempt_at}; {@code webhook_claim_heads} leases the due head of each endpoint's queue
 * (SKIP LOCKED, so several nodes share the work), and a worker then sends that endpoint's deliveries
 * one at a time, oldest first, in leased batches whose results it records in one transaction that
 * also leases the next batch.
 * A failure schedules the retry of that same event and holds back the endpoint's later deliveries
 * until it succeeds (order per endpoint); after the last retry the endpoint is disabled. A node that
 * dies mid-delivery leaves a lease that expires, and the delivery is sent again with the same
 * {@code webhook-id} (at least once; receivers deduplicate on it).
 */
@Component
class DeliveryDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);
    private static final int LEASE_SECONDS = 60;
    private static final int MAX_ERROR = 500;
    /** Deliveries leased and sent in a row per endpoint; their results are recorded together. */
    private static final int BATCH = 50;
    /** A batch stops taking new sends after this long, well within its lease. */
    private static final Duration BATCH_TIME = Duration.ofSeconds(20);

    /** A leased delivery with everything needed to send it. */
    record Job(UUID tenantId, UUID id, UUID endpointId, UUID eventId, String eventType, String payload, int attempt, boolean redelivery,
            String url, byte[] sealedSecret) {
    }

    /** The head of an endpoint's queue, leased by {@code webhook_claim_heads}. */
    record Claim(UUID tenantId, UUID id, UUID endpointId) {
    }

    private record OpenedSecret(byte[] sealed, String secret) {
    }

    /** How an attempt ended: a response code when there was one, or the error. */
    record Outcome(boolean success, Integer responseCode, long durationMs, String error) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TenantContext tenants;
    private final WebhookSecrets secrets;
    private final AddressGuard guard;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Ids ids;
    private final WebhookProperties properties;
    private final HttpClient http;
    private final Semaphore slots;
    private final AtomicBoolean kicked = new AtomicBoolean();
    private final AtomicBoolean starved = new AtomicBoolean();
    private final Map<UUID, UUID> inFlight = new ConcurrentHashMap<>();
    /** Opened secrets of the endpoints this node delivers to, so that a send costs no decryption. */
    private final Map<UUID, OpenedSecret> openedSecrets = Caffeine.newBuilder().maximumSize(10_000).<UUID, OpenedSecret>build().asMap();
    /** Endpoints whose queue a worker of this node is sending, and a count of commits per endpoint. */
    private final java.util.Set<UUID> active = ConcurrentHashMap.newKeySet();
    private final Map<UUID, java.util.concurrent.atomic.AtomicLong> signals = new ConcurrentHashMap<>();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private volatile ExecutorService claimer;
    private volatile ExecutorService workers;
    private volatile ScheduledExecutorService timer;
    private volatile boolean running;

    DeliveryDispatcher(JdbcClient jdbc, JdbcTemplate template, TenantContext tenants, WebhookSecrets secrets, AddressGuard guard, AuditLog audit,
            ApplicationEventPublisher events, Clock clock, Ids ids, WebhookProperties properties) {
        this.jdbc = jdbc;
        this.template = template;
        this.tenants = tenants;
        this.secrets = secrets;
        this.guard = guard;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.ids = ids;
        this.properties = properties;
        this.slots = new Semaphore(properties.workers());
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * New deliveries of these endpoints were committed. An endpoint whose queue a worker of this node
     * is sending already needs no claim round: the worker leases them next (see {@link #runQueue}).
     */
    void committed(java.util.Collection<UUID> endpointIds) {
        boolean idle = false;
        for (UUID endpointId : endpointIds) {
            signals.computeIfAbsent(endpointId, id -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
            idle |= !active.contains(endpointId);
        }
        if (idle) {
            kick();
        }
    }

    /** Asks for a claim round soon, without waiting for it; repeated kicks coalesce. */
    void kick() {
        ExecutorService current = claimer;
        if (!running || current == null || kicked.getAndSet(true)) {
            return;
        }
        try {
            current.execute(this::claimRound);
        } catch (RuntimeException e) {
            kicked.set(false);
        }
    }

    private void claimRound() {
        kicked.set(false);
        if (!running) {
            return;
        }
        int free = slots.availablePermits();
        if (free == 0) {
            starved.set(true); // a finishing worker kicks again
            return;
        }
        List<Claim> claimed;
        try {
            claimed = jdbc.sql("select tenant_id, id, endpoint_id from webhook_claim_heads(?, ?)").params(free, LEASE_SECONDS)
                    .query((rs, n) -> new Claim(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                            rs.getObject("endpoint_id", UUID.class)))
                    .list();
        } catch (RuntimeException e) {
            log.warn("Claiming webhook deliveries failed: {}", e.toString());
            return;
        }
        for (Claim claim : claimed) {
            slots.acquireUninterruptibly();
            inFlight.put(claim.id(), claim.tenantId());
            try {
                workers.execute(() -> runQueue(claim));
            } catch (RuntimeException e) {
                inFlight.remove(claim.id());
                slots.release();
            }
        }
        if (claimed.size() == free) {
            starved.set(true);
            kick(); // there may be more due
        }
    }

    /**
     * Sends the endpoint's queue from the claimed head on, in batches: lease the next due
     * deliveries in queue order, send them one after the other, record the batch in one
     * transaction. A failure ends the batch (the rest is released, held behind the retry).
     */
    private void runQueue(Claim claim) {
        UUID tenantId = claim.tenantId();
        UUID endpointId = claim.endpointId();
        active.add(endpointId);
        long seen = signal(endpointId);
        try {
            List<Job> batch = tenants.inTenant(tenantId, () -> leaseBatch(tenantId, endpointId, claim.id()));
            while (!batch.isEmpty() && running) {
                batch.forEach(job -> inFlight.put(job.id(), tenantId));
                List<Outcome> outcomes = new ArrayList<>();
                long started = System.nanoTime();
                for (Job job : batch) {
                    if (!running || System.nanoTime() - started > BATCH_TIME.toNanos()) {
                        break; // leave the rest to the next lease, well within this one
                    }
                    Outcome outcome = send(job);
                    outcomes.add(outcome);
                    if (!outcome.success() && !job.redelivery()) {
                        break;
                    }
                }
                List<Job> sent = batch;
                seen = signal(endpointId); // commits after this are seen by the next lease
                batch = recordRetrying(tenantId, sent, outcomes);
                sent.forEach(job -> inFlight.remove(job.id()));
            }
        } catch (RuntimeException e) {
            log.warn("Webhook deliveries of endpoint {} failed unexpectedly: {}", endpointId, e.toString());
        } finally {
            active.remove(endpointId);
            inFlight.remove(claim.id());
            slots.release();
            // Kick when something committed while this worker was finishing (not seen by its last
            // lease), or when work was left unclaimed for want of a free worker.
            if (signal(endpointId) != seen | starved.getAndSet(false)) {
                kick();
            }
        }
    }

    /**
     * Records a batch, again if PostgreSQL chose its transaction as a deadlock victim or it failed
     * to serialize: the attempts were made, so losing their record would send them all again.
     */
    private List<Job> recordRetrying(UUID tenantId, List<Job> sent, List<Outcome> outcomes) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tenants.inTenant(tenantId, () -> record(sent, outcomes));
            } catch (TransientDataAccessException e) {
                if (attempt == 3 || !running) {
                    throw e;
                }
                log.debug("Recording webhook deliveries failed transiently, once more: {}", e.toString());
            }
        }
    }

    private long signal(UUID endpointId) {
        var count = signals.get(endpointId);
        return count == null ? 0 : count.get();
    }

    /**
     * Leases up to {@link #BATCH} of the endpoint's pending deliveries, the longest prefix of its
     * queue that is due and not leased elsewhere ({@code head}: the one this worker already holds).
     */
    private List<Job> leaseBatch(UUID tenantId, UUID endpointId, UUID head) {
        return jdbc.sql("""
                with candidates as (
                    select id, queue_key, attempt, next_attempt_at, leased_until from webhook_deliveries
                    where tenant_id = :tenant and endpoint_id = :endpoint and status = 'pending'
                    order by queue_key, attempt limit :batch
                    for update),
                ordered as (
                    select id, row_number() over w as position,
                           bool_and(coalesce(next_attempt_at <= now() and ((id = cast(:head as uuid)) is true or leased_until is null
                               or leased_until < now()), false)) over w as ok
                    from candidates window w as (order by queue_key, attempt))
                update webhook_deliveries d set leased_until = now() + make_interval(secs => :lease)
                from ordered o, webhook_endpoints e
                where d.tenant_id = :tenant and d.id = o.id and o.ok and e.tenant_id = d.tenant_id and e.id = d.endpoint_id and e.enabled
                returning o.position, d.tenant_id, d.id, d.endpoint_id, d.event_id, d.event_type, d.payload, d.attempt, d.redelivery,
                          e.url, e.secret_sealed""")
                .param("tenant", tenantId).param("endpoint", endpointId).param("batch", BATCH).param("head", head)
                .param("lease", LEASE_SECONDS)
                .query((rs, n) -> Map.entry(rs.getLong("position"), new Job(rs.getObject("tenant_id", UUID.class),
                        rs.getObject("id", UUID.class), rs.getObject("endpoint_id", UUID.class), rs.getObject("event_id", UUID.class),
                        rs.getString("event_type"), rs.getString("payload"), rs.getInt("attempt"), rs.getBoolean("redelivery"),
                        rs.getString("url"), rs.getBytes("secret_sealed"))))
                .list().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
    }

    Outcome send(Job job) {
        long started = System.nanoTime();
        try {
            URI uri = guard.check(job.url());
            long timestamp = clock.instant().getEpochSecond();
            String secret = secret(job);
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(properties.timeout())
                    .header("content-type", "application/json")
                    .header("user-agent", "Castiel-Webhooks/1")
                    .header("webhook-id", job.eventId().toString())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSecrets.sign(secret, job.eventId().toString(), timestamp, job.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(job.payload())).build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            // The body is not needed: read a little of it (so that the connection can be reused for
            // the next delivery), then close it rather than let an endpoint stream at us.
            try (InputStream body = response.body()) {
                body.readNBytes(16 * 1024);
            }
            int code = response.statusCode();
            boolean ok = code >= 200 && code < 300;
            return new Outcome(ok, code, millis(started), ok ? null : "HTTP " + code);
        } catch (AddressGuard.Refused e) {
            return new Outcome(false, null, millis(started), "Refused: " + e.getMessage());
        } catch (HttpTimeoutException e) {
            return new Outcome(false, null, millis(started), "Timed out after " + properties.timeout().toSeconds() + " s");
        } catch (IOException e) {
            return new Outcome(false, null, millis(started), e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, null, millis(started), "Interrupted (node shutting down)");
        } catch (IllegalArgumentException e) {
            return new Outcome(false, null, millis(started), "Invalid request: " + e.getMessage());
        }
    }

    /** An endpoint's secret, opened once per sealed value (a rotated secret is a new sealed value). */
    private String secret(Job job) {
        OpenedSecret cached = openedSecrets.get(job.endpointId());
        if (cached != null && Arrays.equals(cached.sealed(), job.sealedSecret())) {
            return cached.secret();
        }
        String secret = secrets.open(job.sealedSecret(), Endpoints.sealContext(job.tenantId(), job.endpointId()));
        openedSecrets.put(job.endpointId(), new OpenedSecret(job.sealedSecret(), secret));
        return secret;
    }

    /**
     * Records a batch's attempts (one transaction), schedules a retry or disables the endpoint on a
     * failure, hands back the leases of what was not sent, and leases the next batch when all went well.
     */
    private List<Job> record(List<Job> batch, List<Outcome> outcomes) {
        Instant now = clock.instant();
        boolean held = false;
        List<Object[]> attempts = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            Job job = batch.get(i);
            Outcome outcome = outcomes.get(i);
            String error = outcome.error() == null ? null
                    : outcome.error().length() > MAX_ERROR ? outcome.error().substring(0, MAX_ERROR) + "..." : outcome.error();
            attempts.add(new Object[] {outcome.success() ? "succeeded" : "failed", outcome.responseCode(), outcome.durationMs(), error,
                    Timestamp.from(now), job.tenantId(), job.id()});
        }
        // One round trip for the whole batch (the driver sends the statements together).
        template.batchUpdate("""
                update webhook_deliveries set status = ?, response_code = ?, duration_ms = ?, error = ?, attempted_at = ?,
                    next_attempt_at = null, leased_until = null
                where tenant_id = ? and id = ?""", attempts);
        for (int i = 0; i < outcomes.size(); i++) {
            Job job = batch.get(i);
            Outcome outcome = outcomes.get(i);
            if (!outcome.success() && !job.redelivery()) {
                held = true; // the endpoint's later deliveries wait behind this one
                List<Duration> delays = properties.retryDelays();
                if (job.attempt() <= delays.size()) {
                    Duration wait = jitter(delays.get(job.attempt() - 1));
                    jdbc.sql("""
                            insert into webhook_deliveries (tenant_id, id, endpoint_id, queue_key, event_id, event_type, payload, attempt,
                                status, created_at, next_attempt_at)
                            select tenant_id, ?, endpoint_id, queue_key, event_id, event_type, payload, attempt + 1, 'pending', ?, ?
                            from webhook_deliveries where tenant_id = ? and id = ?""")
                            .params(ids.next(), Timestamp.from(now), Timestamp.from(now.plus(wait)), job.tenantId(), job.id())
                            .update();
                    wakeUpAfter(wait);
                } else {
                    disable(job, now);
                }
            }
        }
        for (Job unsent : batch.subList(outcomes.size(), batch.size())) {
            jdbc.sql("update webhook_deliveries set leased_until = null where tenant_id = ? and id = ?")
                    .params(unsent.tenantId(), unsent.id()).update();
        }
        if (held || !running || batch.isEmpty()) {
            return List.of();
        }
        return leaseBatch(batch.get(0).tenantId(), batch.get(0).endpointId(), null);
    }

    private void disable(Job job, Instant now) {
        int disabled = jdbc.sql("update webhook_endpoints set enabled = false, disabled_at = ?, updated_at = ? where tenant_id = ? and id = ? and enabled")
                .params(Timestamp.from(now), Timestamp.from(now), job.tenantId(), job.endpointId()).update();
        if (disabled == 0) {
            return;
        }
        audit.record(AuditEntry.of("webhook.disabled", "webhook", job.endpointId(), JsonNodeFactory.instance.objectNode()
                .put("url", job.url()).put("eventId", job.eventId().toString()).put("attempts", job.attempt())
                .put("reason", "Every retry of a delivery failed")));
        events.publishEvent(NotificationRequested.toAdmins(job.tenantId(), "webhook.disabled", "Webhook endpoint disabled",
                "Deliveries to " + job.url() + " failed " + job.attempt() + " times in a row, so the endpoint was disabled."
                        + " Fix the receiver and re-enable it; its queued deliveries resume then.",
                "/webhooks/" + job.endpointId()));
        log.info("Webhook endpoint {} of tenant {} disabled after {} failed attempts", job.endpointId(), job.tenantId(), job.attempt());
    }

    /** A local wake-up when a retry falls due, sooner than the next run of the recurring job. */
    private void wakeUpAfter(Duration wait) {
        ScheduledExecutorService current = timer;
        if (current != null && wait.compareTo(Duration.ofMinutes(1)) < 0) {
            try {
                current.schedule(this::kick, wait.toMillis() + 5, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                // shutting down: the recurring job picks the retry up after the restart
            }
        }
    }

    private static Duration jitter(Duration delay) {
        // Up to ±20 % so that endpoints failing together do not retry in lockstep.
        double factor = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofNanos((long) (delay.toNanos() * factor));
    }

    private static long millis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    @Override
    public void start() {
        claimer = Executors.newSingleThreadExecutor(daemon("webhook-claim"));
        workers = Executors.newFixedThreadPool(properties.workers(), daemon("webhook-worker"));
        timer = Executors.newSingleThreadScheduledExecutor(daemon("webhook-timer"));
        running = true;
        kick();
    }

    @Override
    public void stop() {
        running = false;
        claimer.shutdownNow();
        timer.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Hand the leases of interrupted deliveries back at once, so the next start (or another
        // node) does not wait for them to expire.
        inFlight.forEach((id, tenantId) -> {
            try {
                tenants.inTenant(tenantId, () -> jdbc.sql("update webhook_deliveries set leased_until = null where tenant_id = ? and id = ? and status = 'pending'")
                        .params(tenantId, id).update());
            } catch (RuntimeException e) {
                log.debug("Could not release the lease of webhook delivery {}: {}", id, e.toString());
            }
        });
        inFlight.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stops before the scheduler and the database (default phase), starts after them.
        return Integer.MAX_VALUE - 1000;
    }

    private java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
