package io.castiel.search.internal;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.castiel.platform.WorkQueue;

/**
 * Lets a bounded number of searches run at once ({@code castiel.ai.search.max-concurrent}); the
 * others wait their turn in arrival order, as Elasticsearch's search thread pool does. With the
 * in-memory index a search is CPU work from start to end (the scan of the tenant's vectors here,
 * full-text ranking in the local PostgreSQL): eight at once on two cores finish together no
 * sooner than one after another, but each takes four times as long, the costly ones longest, and
 * their scans evict each other's rows from the CPU caches. Queued, the same work has a shorter
 * tail (bench/README.md). A search that waited {@code queue-timeout} in vain gets a 503 problem
 * ({@link WorkQueue}).
 */
@Component
public class SearchPermits {

    private static final Logger log = LoggerFactory.getLogger(SearchPermits.class);

    private final WorkQueue queue;

    @Autowired
    SearchPermits(AiProperties properties, VectorIndexes indexes) {
        this(size(properties.search().maxConcurrent(), indexes.current().kind()), properties.search().queueTimeout());
    }

    SearchPermits(int size, Duration queueTimeout) {
        this.queue = new WorkQueue(size, queueTimeout, "Search busy", "Too many searches are running; retry in a moment");
        log.info("At most {} searches run at once", size);
    }

    private static int size(int configured, String indexKind) {
        int processors = Runtime.getRuntime().availableProcessors();
        return configured > 0 ? configured : indexKind.equals("memory") ? processors + 1 : 4 * processors;
    }

    /** {@code search} once a permit is free. */
    public <T> T run(Supplier<T> search) {
        return queue.run(search);
    }
}
