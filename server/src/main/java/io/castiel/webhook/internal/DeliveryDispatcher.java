package io.castiel.webhook.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.platform.DatabaseOutages;
import io.castiel.platform.Ids;
import io.castiel.platform.NotificationRequested;
import io.castiel.platform.TenantContext;
import io.castiel.webhook.WebhookProperties;
import io.castiel.webhook.internal.DeliveryLeases.Claim;
import io.castiel.webhook.internal.DeliveryLeases.Job;
import io.castiel.webhook.internal.EndpointClient.Outcome;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Sends queued webhook deliveries. State lives in PostgreSQL: a pending row with its
 * {@code next_attempt_at}; {@code webhook_claim_heads} leases the due head of each endpoint's queue
 * (SKIP LOCKED, so several nodes share the work), and a worker then sends that endpoint's deliveries
 * one at a time, oldest first, in leased batches whose results it records in one transaction that
 * also leases the next batch.
 * Requests go out through {@link EndpointClient} (synchronous, keep-alive, SSRF guard at connect time).
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
    /**
     * How long a worker whose endpoint's queue ran dry waits for the next commit to that endpoint
     * before it gives its slot back. A steady stream of events then costs one lease and one record
     * per batch, not also a claim round (which reads every endpoint's queue head) per event.
     */
    private static final long LINGER_NANOS = Duration.ofSeconds(2).toNanos();
    /**
     * How long a worker that sent a short batch waits before it records it and leases the next, so
     * that a busy endpoint's deliveries are leased and recorded many at a time rather than one or
     * two, each costing two statements (measured in bench/README.md, "Batches of one or two"). The
     * first event after a quiet spell still goes out at once; only events that arrive while their
     * endpoint is busy wait, at most this long.
     */
    private static final long GATHER_NANOS = Duration.ofMillis(10).toNanos();
    /** Deliveries leased and sent in a row per endpoint; their results are recorded together. */
    private static final int BATCH = 50;
    /** A leased batch is split into lanes only when each lane gets at least this many deliveries. */
    static final int MIN_PER_LANE = 8;
    /** A batch stops taking new sends after this long, well within its lease. */
    private static final Duration BATCH_TIME = Duration.ofSeconds(20);

    /** A recorded batch: the next batch leased, or none when a failure holds the endpoint's queue behind its retry. */
    private record Recorded(List<Job> next, boolean held) {
    }

    private record OpenedSecret(byte[] sealed, String secret) {
    }

    private final DeliveryLeases leases;
    private final TenantContext tenants;
    private final WebhookSecrets secrets;
    private final AddressGuard guard;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Ids ids;
    private final WebhookProperties properties;
    private final EndpointClient client;
    private final JsonMapper json;
    private final DatabaseOutages outages;
    private final Semaphore slots;
    private final AtomicBoolean kicked = new AtomicBoolean();
    private final AtomicBoolean starved = new AtomicBoolean();
    private final Map<UUID, UUID> inFlight = new ConcurrentHashMap<>();
    /** Opened secrets of the endpoints this node delivers to, so that a send costs no decryption. */
    private final Map<UUID, OpenedSecret> openedSecrets = Caffeine.newBuilder().maximumSize(10_000).<UUID, OpenedSecret>build().asMap();
    /** Endpoints whose queue a worker of this node is sending, and a count of commits per endpoint. */
    private final java.util.Set<UUID> active = ConcurrentHashMap.newKeySet();
    /** Workers waiting for the next commit to their endpoint (see {@link #LINGER_NANOS}). */
    private final Map<UUID, Thread> lingering = new ConcurrentHashMap<>();
    private final Map<UUID, java.util.concurrent.atomic.AtomicLong> signals = new ConcurrentHashMap<>();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private volatile ExecutorService claimer;
    private volatile ExecutorService workers;
    /** Runs the second and further lanes of a batch (the worker runs the first). */
    private volatile ExecutorService laneThreads;
    private volatile ScheduledExecutorService timer;
    private volatile boolean running;

    DeliveryDispatcher(DeliveryLeases leases, TenantContext tenants, WebhookSecrets secrets, AddressGuard guard, AuditLog audit,
            ApplicationEventPublisher events, Clock clock, Ids ids, WebhookProperties properties, EndpointClient client,
            JsonMapper json, DatabaseOutages outages) {
        this.leases = leases;
        this.tenants = tenants;
        this.secrets = secrets;
        this.guard = guard;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.ids = ids;
        this.properties = properties;
        this.slots = new Semaphore(properties.workers());
        this.client = client;
        this.json = json;
        this.outages = outages;
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
            Thread waiting = lingering.get(endpointId);
            if (waiting != null) {
                LockSupport.unpark(waiting);
            }
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
            lingering.values().forEach(LockSupport::unpark); // a lingering one finishes now
            return;
        }
        // Endpoints a worker of this node holds are left to it, leased or not (see V27): only this
        // thread starts workers, so the node never has two on one endpoint.
        UUID[] busy = active.toArray(UUID[]::new);
        List<Claim> claimed;
        try {
            claimed = leases.claimHeads(free, LEASE_SECONDS, busy);
        } catch (RuntimeException e) {
            log.warn("Claiming webhook deliveries failed: {}", e.toString());
            return;
        }
        claimed.forEach(this::work);
        if (claimed.size() == free) {
            starved.set(true);
            kick(); // there may be more due
        }
    }

    /** Hands a claimed head to a worker, waiting for a free one. */
    void work(Claim claim) {
        slots.acquireUninterruptibly();
        active.add(claim.endpointId());
        inFlight.put(claim.id(), claim.tenantId());
        try {
            workers.execute(() -> runQueue(claim));
        } catch (RuntimeException e) {
            active.remove(claim.endpointId());
            inFlight.remove(claim.id());
            slots.release();
        }
    }

    /**
     * Sends the endpoint's queue from the claimed head on, in batches: lease the next due
     * deliveries in queue order, send them one after the other, record the batch in one
     * transaction. A failure ends the batch (the rest is released, held behind the retry). When the
     * queue runs dry the worker lingers for the endpoint's next commit (see {@link #lingerFor}).
     */
    private void runQueue(Claim claim) {
        UUID tenantId = claim.tenantId();
        UUID endpointId = claim.endpointId();
        long seen = signal(endpointId);
        try {
            List<Job> batch = tenants.inTenant(tenantId, () -> leaseBatch(tenantId, endpointId, claim.id()));
            if (batch.stream().noneMatch(job -> job.id().equals(claim.id()))) {
                // The claimed head is not where the queue starts now: a delivery that committed after
                // the claim looked sits in front of it, leased by another worker, or more than a batch
                // of them do. Its lease goes back, or the endpoint would wait for it to expire.
                releaseLease(tenantId, claim.id());
            }
            while (running) {
                boolean held = false;
                while (!batch.isEmpty() && running) {
                    batch.forEach(job -> inFlight.put(job.id(), tenantId));
                    Outcome[] outcomes = sendBatch(batch);
                    List<Job> sent = batch;
                    if (sent.size() < BATCH && succeeded(outcomes) && !starved.get()) {
                        LockSupport.parkNanos(this, GATHER_NANOS);
                    }
                    seen = signal(endpointId); // commits after this are seen by the next lease
                    Recorded recorded = recordRetrying(tenantId, sent, outcomes);
                    sent.forEach(job -> inFlight.remove(job.id()));
                    batch = recorded.next();
                    held = recorded.held();
                }
                // Drained (not held behind a retry): wait a little for the endpoint's next commit.
                if (held || !lingerFor(endpointId, seen)) {
                    break;
                }
                seen = signal(endpointId);
                batch = tenants.inTenant(tenantId, () -> leaseBatch(tenantId, endpointId, null));
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

    private static boolean succeeded(Outcome[] outcomes) {
        for (Outcome outcome : outcomes) {
            if (outcome == null || !outcome.success()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits up to {@link #LINGER_NANOS} for a commit to the endpoint after {@code seen}; false when
     * none came, the node stops, or another endpoint waits for a worker (this one gives its slot back).
     */
    private boolean lingerFor(UUID endpointId, long seen) {
        long deadline = System.nanoTime() + LINGER_NANOS;
        Thread self = Thread.currentThread();
        lingering.put(endpointId, self); // the node's only worker on this endpoint (see claimRound)
        try {
            while (running && !starved.get()) {
                if (signal(endpointId) != seen) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || Thread.currentThread().isInterrupted()) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
            }
            return false;
        } finally {
            lingering.remove(endpointId, self);
        }
    }

    /**
     * Sends a leased batch; {@code outcomes[i]} stays null for a delivery not sent. A short batch (the
     * endpoint keeps up) goes out one request at a time in queue order. A long one (the endpoint is
     * behind) is split by subject (the shard, relationship, type or user an event is about) into up to
     * {@code castiel.webhooks.in-flight-per-endpoint} lanes sent side by side, each in queue order: the
     * events of one subject still arrive in order, one at a time. A failure stops every lane (requests
     * already in flight complete), and its retry then holds back all later deliveries of the endpoint.
     */
    private Outcome[] sendBatch(List<Job> batch) {
        Outcome[] outcomes = new Outcome[batch.size()];
        long deadline = System.nanoTime() + BATCH_TIME.toNanos();
        AtomicBoolean stop = new AtomicBoolean();
        int lanes = Math.min(properties.inFlightPerEndpoint(), batch.size() / MIN_PER_LANE);
        if (lanes <= 1) {
            sendInOrder(batch, IntStream.range(0, batch.size()).toArray(), outcomes, stop, deadline);
            return outcomes;
        }
        List<List<Integer>> byLane = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            byLane.add(new ArrayList<>());
        }
        for (int i = 0; i < batch.size(); i++) {
            byLane.get(Math.floorMod(subject(batch.get(i)).hashCode(), lanes)).add(i);
        }
        List<Future<?>> others = new ArrayList<>();
        for (List<Integer> lane : byLane.subList(1, lanes)) {
            int[] positions = lane.stream().mapToInt(Integer::intValue).toArray();
            try {
                others.add(laneThreads.submit(() -> sendInOrder(batch, positions, outcomes, stop, deadline)));
            } catch (RejectedExecutionException e) {
                break; // shutting down: those stay unsent
            }
        }
        sendInOrder(batch, byLane.get(0).stream().mapToInt(Integer::intValue).toArray(), outcomes, stop, deadline);
        for (Future<?> lane : others) {
            try {
                lane.get();
            } catch (ExecutionException e) {
                log.warn("A webhook delivery lane failed unexpectedly: {}", e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.set(true);
            }
        }
        return outcomes;
    }

    private void sendInOrder(List<Job> batch, int[] positions, Outcome[] outcomes, AtomicBoolean stop, long deadline) {
        for (int i : positions) {
            if (!running || stop.get() || System.nanoTime() > deadline) {
                return; // leave the rest to the next lease, well within this one
            }
            Job job = batch.get(i);
            Outcome outcome = send(job);
            outcomes[i] = outcome;
            if (!outcome.success() && !job.redelivery()) {
                stop.set(true);
                return;
            }
        }
    }

    /** What the event is about, so that the events of one subject share a lane: {@code data.id}, else the event itself. */
    private String subject(Job job) {
        try {
            String id = json.readTree(job.payload()).path("data").path("id").asString("");
            return id.isEmpty() ? job.eventId().toString() : id;
        } catch (RuntimeException e) {
            return job.eventId().toString();
        }
    }

    /**
     * Records a batch, again if PostgreSQL chose its transaction as a deadlock victim or it failed
     * to serialize: the attempts were made, so losing their record would send them all again. While
     * the database cannot be reached (restarting, connections cut: {@link DatabaseOutages}) it keeps
     * trying, backing off, for half the lease: given up, the lease would hold the endpoint's queue
     * until it expires and the whole batch would go out again.
     */
    private Recorded recordRetrying(UUID tenantId, List<Job> sent, Outcome[] outcomes) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LEASE_SECONDS / 2);
        long backoff = 100;
        int transientFailures = 0;
        while (true) {
            try {
                return tenants.inTenant(tenantId, () -> record(sent, outcomes));
            } catch (RuntimeException e) {
                if (!running) {
                    throw e;
                }
                if (outages.report(e, "webhook recording")) {
                    if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff) > deadline) {
                        throw e;
                    }
                    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(backoff));
                    backoff = Math.min(backoff * 2, 5_000);
                } else if (e instanceof TransientDataAccessException && ++transientFailures < 3) {
                    log.debug("Recording webhook deliveries failed transiently, once more: {}", e.toString());
                } else {
                    throw e;
                }
            }
        }
    }

    private long signal(UUID endpointId) {
        var count = signals.get(endpointId);
        return count == null ? 0 : count.get();
    }

    /** The endpoint's next batch, leased (see {@link DeliveryLeases#leaseBatch}). */
    private List<Job> leaseBatch(UUID tenantId, UUID endpointId, UUID head) {
        return leases.leaseBatch(tenantId, endpointId, head, BATCH, LEASE_SECONDS);
    }

    Outcome send(Job job) {
        URI uri;
        try {
            // The stored URL passed the guard when it was saved; its addresses are checked again
            // when a connection to them is opened (EndpointClient), not here.
            uri = guard.parse(job.url());
        } catch (AddressGuard.Refused e) {
            return new Outcome(false, null, 0, "Refused: " + e.getMessage());
        }
        long timestamp = clock.instant().getEpochSecond();
        byte[] body = job.payload().getBytes(StandardCharsets.UTF_8);
        String id = job.eventId().toString();
        return client.post(uri, id, timestamp, WebhookSecrets.sign(secret(job), id, timestamp, body), body);
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
    private Recorded record(List<Job> batch, Outcome[] outcomes) {
        Instant now = clock.instant();
        boolean held = false;
        List<DeliveryLeases.Attempt> attempts = new ArrayList<>(outcomes.length);
        for (int i = 0; i < outcomes.length; i++) {
            Outcome outcome = outcomes[i];
            if (outcome == null) {
                continue;
            }
            attempts.add(new DeliveryLeases.Attempt(batch.get(i).id(), outcome.success() ? "succeeded" : "failed", outcome.responseCode(),
                    outcome.durationMs(), outcome.error() == null ? null
                            : outcome.error().length() > MAX_ERROR ? outcome.error().substring(0, MAX_ERROR) + "..." : outcome.error()));
        }
        if (!attempts.isEmpty()) {
            leases.record(batch.get(0).tenantId(), now, attempts);
        }
        List<Job> unsent = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            Job job = batch.get(i);
            Outcome outcome = outcomes[i];
            if (outcome == null) {
                unsent.add(job);
            } else if (!outcome.success() && !job.redelivery()) {
                held = true; // the endpoint's later deliveries wait behind this one
                List<Duration> delays = properties.retryDelays();
                if (job.attempt() <= delays.size()) {
                    Duration wait = jitter(delays.get(job.attempt() - 1));
                    leases.scheduleRetry(job, ids.next(), now, wait);
                    wakeUpAfter(wait);
                } else {
                    disable(job, now);
                }
            }
        }
        if (!unsent.isEmpty()) {
            leases.releaseLeases(unsent);
        }
        if (held || !running || batch.isEmpty()) {
            return new Recorded(List.of(), held);
        }
        return new Recorded(leaseBatch(batch.get(0).tenantId(), batch.get(0).endpointId(), null), false);
    }

    private void disable(Job job, Instant now) {
        if (!leases.disableEndpoint(job, now)) {
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

    @Override
    public void start() {
        claimer = Executors.newSingleThreadExecutor(daemon("webhook-claim"));
        workers = Executors.newFixedThreadPool(properties.workers(), daemon("webhook-worker"));
        laneThreads = Executors.newCachedThreadPool(daemon("webhook-lane"));
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
        laneThreads.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Hand the leases of interrupted deliveries back at once, so the next start (or another
        // node) does not wait for them to expire.
        inFlight.forEach((id, tenantId) -> {
            try {
                releaseLease(tenantId, id);
            } catch (RuntimeException e) {
                log.debug("Could not release the lease of webhook delivery {}: {}", id, e.toString());
            }
        });
        inFlight.clear();
    }

    /**
     * Gives a pending delivery's lease back. Only its holder calls this: while the lease is live no
     * one else can take the row (a claim skips it, a lease takes it only as the head it was given).
     */
    private void releaseLease(UUID tenantId, UUID id) {
        tenants.inTenant(tenantId, () -> leases.releaseLease(tenantId, id));
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
