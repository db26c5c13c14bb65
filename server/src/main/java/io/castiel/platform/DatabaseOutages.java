package io.castiel.platform;

/**
 * Tells the database being unreachable or out of resources (PostgreSQL restarting, connections
 * cut, the pool timing out) apart from every other failure, for work outside a request: such a
 * failure is temporary, says nothing about the work itself, and is worth one warning per burst
 * rather than a stack trace per attempt. Requests need none of this: the platform answers them
 * with a 503 problem and {@code Retry-After} by itself.
 */
public interface DatabaseOutages {

    /** Whether {@code error} is (caused by) the database being unreachable or out of resources. */
    boolean isOutage(Throwable error);

    /**
     * Logs {@code error} if it is an outage and says so: one WARN line (the root cause, no stack
     * trace) when a burst starts at {@code where} and at most every 30 s while it lasts, the stack
     * trace at DEBUG. Anything else is not logged and the caller handles it as before.
     *
     * @param where a short name of the place, e.g. {@code embedding worker}
     * @return whether it was an outage
     */
    boolean report(Throwable error, String where);
}
