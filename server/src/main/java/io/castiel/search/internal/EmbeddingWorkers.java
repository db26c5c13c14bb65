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

/**
 * The bounded pool that drains the embedding backlog ({@code castiel.ai.embedding.workers}
 * threads). Each worker claims a batch of the oldest rows of any tenant, embeds them, and claims
 * again until the backlog is empty; then it sleeps until this node queues something
 * ({@link #wake()}) or the poll interval passes (other nodes' rows, retries, rows left by a crash).
 *
 * <p>With no workers (server mode only) the node starts no threads: its writes still queue rows in
 * the shared {@code embedding_queue}, which the other nodes' workers find at their next poll.
 */
@Component
class EmbeddingWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingWorkers.class);
    private static final int LEASE_SECONDS = 300;

    private final EmbeddingQueue queue;
    private final ShardEmbedder embedder;
    private final AiProperties properties;
    private final LinkedBlockingQueue<Boolean> signals = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong embeddedChunks = new AtomicLong();
    private volatile boolean running;

    EmbeddingWorkers(EmbeddingQueue queue, ShardEmbedder embedder, AiProperties properties, Environment environment) {
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
        while (running) {
            try {
                if (!drainOnce()) {
                    signals.poll(properties.embedding().poll().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Embedding worker failed; retrying after the poll interval", e);
                try {
                    Thread.sleep(properties.embedding().poll().toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** @return whether there was work */
    private boolean drainOnce() {
        List<EmbeddingQueue.Claimed> claimed = queue.claim(properties.embedding().batchSize(), LEASE_SECONDS);
        if (claimed.isEmpty()) {
            return false;
        }
        Map<UUID, List<EmbeddingQueue.Claimed>> byTenant = new LinkedHashMap<>();
        claimed.forEach(row -> byTenant.computeIfAbsent(row.tenantId(), t -> new ArrayList<>()).add(row));
        byTenant.forEach((tenantId, rows) -> embeddedChunks.addAndGet(embedder.process(tenantId, rows)));
        return true;
    }
}
