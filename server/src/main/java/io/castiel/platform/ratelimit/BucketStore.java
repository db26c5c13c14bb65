package io.castiel.platform.ratelimit;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/** Where token buckets live: in this JVM, or in Redis, shared by every node. */
interface BucketStore extends AutoCloseable {

    /** Takes one token from the bucket {@code key}, created full with {@code perMinute} tokens. */
    ConsumptionProbe tryConsume(String key, long perMinute);

    /** Gives back a token taken by a request that another bucket then refused. */
    void refund(String key, long perMinute);

    @Override
    void close();

    /**
     * {@code perMinute} tokens, refilled smoothly (one every 60/perMinute seconds) up to the same
     * capacity, so a client that waited a minute can burst a full minute's worth again.
     */
    static BucketConfiguration perMinute(long perMinute) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build();
    }
}
