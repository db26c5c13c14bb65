package io.castiel.platform.ratelimit;

import java.time.Duration;
import java.util.List;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;

/**
 * Where token buckets live: in this JVM, or in Redis, shared by every node. Every bucket holds
 * {@code perMinute} tokens and refills smoothly (one every 60/perMinute seconds) up to the same
 * capacity, so a client that waited a minute can burst a full minute's worth again.
 */
interface BucketStore extends AutoCloseable {

    /** One bucket a request spends a token of; {@code scope} names it in metrics and audit. */
    record Limit(String scope, String key, long perMinute) {
    }

    /**
     * The answer for a request: whether it may proceed, and the figures of the bucket to report
     * (the one that refused, else the one with the fewest tokens left).
     */
    record Outcome(boolean allowed, Limit reported, long remaining, long nanosToReset, long nanosToRetry) {
    }

    /**
     * Takes one token from every bucket in {@code limits}, or from none of them if any is empty
     * (so a refusal by one bucket costs the others nothing); the first empty bucket is reported.
     */
    Outcome consume(List<Limit> limits);

    @Override
    void close();

    static BucketConfiguration perMinute(long perMinute) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build();
    }
}
