package io.castiel.platform;

import java.time.Duration;

/**
 * A job that runs every {@link #interval()} on one node of the cluster at a time (PostgreSQL-backed
 * scheduler). Declare it as a bean; the scheduler picks every such bean up. A run that throws is
 * recorded as failed and tried again at the next interval.
 */
public interface RecurringJob {

    /** Unique, stable name (it keys the job's row in the scheduler table), e.g. {@code purge-sessions}. */
    String name();

    Duration interval();

    void run();
}
