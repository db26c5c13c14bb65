package io.castiel.search.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

import io.castiel.platform.DatabaseOutages;

/**
 * The bounded pool that drains the embedding backlog ({@code castiel.ai.embedding.workers}
 * threads). Each worker claims a batch of the oldest rows of any tenant, embeds them, and claims
 * again until the backlog is empty; then it sleeps until this node queues something
 * ({@link #wake()}) or the poll interval passes (other nodes' rows, retries, rows left by a crash).
 *
 * <p>A batch that a database outage interrupted stays claimed by its worker, which processes it
 * again once the database answers (at its next poll) rather than leaving it leased for
 * {@value #LEASE_SECONDS} s: embedding a shard twice is harmless (its chunks are replaced, its
 * backlog row removed only if not queued again). Only a claim whose commit the outage cut off
 * waits for its lease to run out. The outage is logged once per burst, without a stack trace.
 *
 * <p>Before claiming, a worker gives way to the node's requests while it is busy serving them
 * ({@link RequestsFirst}): writes are acknowledged with their embedding queued, and the backlog
 * drains when the load eases.
 *
 * <p>With no workers (server mode only) the node starts no threads: its writes still queue rows in
 * the shared {@code embedding_queue}, which the other nodes' workers find at their next poll.
 */
@Component
class EmbeddingWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingWorkers.class);
    private static final int LEASE_SECONDS = 300;
    private static final long YIELD_MILLIS = 100;

    private final EmbeddingQueue queue;
    private final ShardEmbedder embedder;
    private final AiProperties properties;
    private final DatabaseOutages outages;
    private final RequestsFirst requestsFirst;
    private final LinkedBlockingQueue<Boolean> signals = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong embeddedChunks = new AtomicLong();
    private volatile boolean running;

    EmbeddingWorkers(EmbeddingQueue queue, ShardEmbedder embedder, AiProperties properties, Environment environment,
            DatabaseOutages outages, RequestsFirst requestsFirst) {
        // An embedded-mode node has its database to itself: without workers nothing would ever
        // drain the queue, and every shard would stay pending without an error anywhere.
        if (properties.embedding().workers() == 0 && !environment.acceptsProfiles(Profiles.of("server"))) {
            throw new IllegalStateException("castiel.ai.embedding.workers=0 is for server mode only (other nodes on the same "
                    + "PostgreSQL drain the embedding queue); in embedded mode this node is the only one and shards would never "
                    + "be embedded: set castiel.ai.embedding.workers to 1 or more");
        }
        this.queue = queue;
        this.embedder = embedder;
        this.properties = properties;
        this.outages = outages;
        this.requestsFirst = requestsFirst;
    }

    /** Something was queued on this node: an idle worker starts now rather than at its next poll. */
    void wake() {
        if (signals.size() < properties.embedding().workers()) {
            signals.offer(Boolean.TRUE);
        }
    }

    /** Chunks embedded by this node since start. */
    long embeddedChunks() {
        return embeddedChunks.get();
    }

    @Override
    public synchronized void start() {
        running = true;
        if (properties.embedding().workers() == 0) {
            log.info("castiel.ai.embedding.workers=0: this node queues embedding work and leaves it to other nodes");
        }
        for (int i = 0; i < properties.embedding().workers(); i++) {
            Thread thread = new Thread(this::work, "embedding-worker-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void work() {
        List<EmbeddingQueue.Claimed> claimed = List.of();
        while (running) {
            try {
                if (claimed.isEmpty()) {
                    if (!requestsFirst.mayEmbed()) {
                        Thread.sleep(YIELD_MILLIS);
                        continue;
                    }
                    claimed = queue.claim(properties.embedding().batchSize(), LEASE_SECONDS);
                }
                if (claimed.isEmpty()) {
                    signals.poll(properties.embedding().poll().toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                process(claimed);
                claimed = List.of();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!outages.report(e, "embedding worker")) {
                    // Not the database: the lease brings the batch back later, to this node or another.
                    log.warn("Embedding worker failed; retrying after the poll interval", e);
                    claimed = List.of();
                }
                try {
                    Thread.sleep(properties.embedding().poll().toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void process(List<EmbeddingQueue.Claimed> claimed) {
        Map<UUID, List<EmbeddingQueue.Claimed>> byTenant = new LinkedHashMap<>();
        claimed.forEach(row -> byTenant.computeIfAbsent(row.tenantId(), t -> new ArrayList<>()).add(row));
        byTenant.forEach((tenantId, rows) -> embeddedChunks.addAndGet(embedder.process(tenantId, rows)));
    }
}
