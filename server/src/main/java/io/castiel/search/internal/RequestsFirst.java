package io.castiel.search.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.castiel.platform.RequestLoad;

/**
 * Lets the node's requests go before its embedding: a batch takes a core for a few hundred
 * milliseconds, and on a busy node that time would come out of the requests' latency. Workers wait
 * while the node served {@code yieldToRequests} requests at once or more on average over the last
 * {@value #WINDOW_MILLIS} ms, but never more than {@code maxDeferral} between two batches, so a node
 * under constant load still embeds, and catches up once the load stops.
 */
@Component
class RequestsFirst {

    static final long WINDOW_MILLIS = 500;

    private final RequestLoad load;
    private final double threshold;
    private final long maxDeferralNanos;
    private final LongSupplier nanoClock;
    private long readAt;
    private long readBusy;
    private double inService;
    private long lastBatchAt;

    @Autowired
    RequestsFirst(RequestLoad load, AiProperties properties) {
        this(load, properties.embedding().yieldToRequests(), properties.embedding().maxDeferral(), System::nanoTime);
    }

    RequestsFirst(RequestLoad load, double threshold, Duration maxDeferral, LongSupplier nanoClock) {
        this.load = load;
        this.threshold = threshold;
        this.maxDeferralNanos = maxDeferral.toNanos();
        this.nanoClock = nanoClock;
        this.readAt = nanoClock.getAsLong();
        this.readBusy = load.busyNanos();
        this.lastBatchAt = readAt;
    }

    /** Whether a worker may embed a batch now; when it may, the deferral starts again from now. */
    synchronized boolean mayEmbed() {
        if (threshold == 0) {
            return true;
        }
        long now = nanoClock.getAsLong();
        if (now - readAt >= WINDOW_MILLIS * 1_000_000) {
            long busy = load.busyNanos();
            inService = (busy - readBusy) / (double) (now - readAt);
            readAt = now;
            readBusy = busy;
        }
        if (inService < threshold || now - lastBatchAt >= maxDeferralNanos) {
            lastBatchAt = now;
            return true;
        }
        return false;
    }

    /** The mean number of requests in service over the last window read. */
    synchronized double inService() {
        return inService;
    }
}
