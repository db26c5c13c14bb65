package io.castiel.platform;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;

/**
 * Lets at most a given number of callers run their work at once; the others wait their turn in
 * arrival order (a fair semaphore). Work that would otherwise all start together, such as searches
 * competing for the cores or analytics queries competing for the database connections, then
 * finishes one batch after another instead of failing or slowing down all at once. A caller that
 * waited the queue timeout in vain gets a 503 problem with the title and detail given here.
 */
public class WorkQueue {

    private final Semaphore permits;
    private final long timeoutNanos;
    private final String busyTitle;
    private final String busyDetail;

    /**
     * @param permits      how many callers may run their work at once (at least 1)
     * @param queueTimeout how long a caller waits for a permit before it is answered with a 503
     * @param busyTitle    the title of that 503 problem
     * @param busyDetail   its detail
     */
    public WorkQueue(int permits, Duration queueTimeout, String busyTitle, String busyDetail) {
        if (permits < 1) {
            throw new IllegalArgumentException("A work queue needs at least one permit, not " + permits);
        }
        this.permits = new Semaphore(permits, true);
        this.timeoutNanos = queueTimeout.toNanos();
        this.busyTitle = busyTitle;
        this.busyDetail = busyDetail;
    }

    /** {@code work} once a permit is free; the permit is given back when it returns or throws. */
    public <T> T run(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a permit (" + busyTitle + ")", e);
        }
        if (!acquired) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, busyTitle, busyDetail);
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
