package io.castiel.platform.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Buckets in this JVM (embedded mode, and the fallback while Redis is unreachable). Bounded: a
 * bucket untouched for longer than a full refill would be full again anyway, so dropping it after
 * two idle minutes forgets nothing; the size cap only matters under a flood of distinct keys.
 */
final class LocalBucketStore implements BucketStore {

    private final Cache<String, Bucket> buckets;

    LocalBucketStore(long maxBuckets) {
        this.buckets = Caffeine.newBuilder().maximumSize(maxBuckets).expireAfterAccess(Duration.ofMinutes(2)).build();
    }

    @Override
    public ConsumptionProbe tryConsume(String key, long perMinute) {
        return bucket(key, perMinute).tryConsumeAndReturnRemaining(1);
    }

    @Override
    public void refund(String key, long perMinute) {
        bucket(key, perMinute).addTokens(1);
    }

    private Bucket bucket(String key, long perMinute) {
        return buckets.get(key, k -> Bucket.builder().addLimit(BucketStore.perMinute(perMinute).getBandwidths()[0]).build());
    }

    @Override
    public void close() {
        buckets.invalidateAll();
    }
}
