package io.castiel.platform;

/**
 * How busy this node is serving HTTP requests, for background work that should give way to them
 * (embedding): the time requests have spent in service, summed. Two readings {@code t} nanoseconds
 * apart differ by {@code t} times the mean number of requests in service between them.
 */
public interface RequestLoad {

    /** Nanoseconds spent serving requests on this node since it started, all requests summed. */
    long busyNanos();
}
