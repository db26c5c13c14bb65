package io.castiel.analytics.internal;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.castiel.platform.WorkQueue;

/**
 * Lets a bounded number of analytics queries run at once ({@code castiel.analytics.max-concurrent},
 * by default the number of processors); the others wait their turn in arrival order, holding no
 * database connection. Each query holds a connection for its whole aggregation and keeps a core
 * busy: unbounded, 48 at once on two cores took every connection of the pool (8) and the requests
 * left over were answered with 503s. A query that waited {@code queue-timeout} in vain gets a 503
 * problem ("Analytics busy").
 */
@Component
public class AnalyticsPermits {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsPermits.class);

    private final WorkQueue queue;

    AnalyticsPermits(AnalyticsProperties properties) {
        int configured = properties.maxConcurrent();
        int size = configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
        this.queue = new WorkQueue(size, properties.queueTimeout(), "Analytics busy", "Too many analytics queries are running; retry in a moment");
        log.info("At most {} analytics queries run at once", size);
    }

    /** {@code query} once a permit is free. */
    public <T> T run(Supplier<T> query) {
        return queue.run(query);
    }
}
