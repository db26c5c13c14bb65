package io.castiel.platform.ratelimit;

import java.time.Duration;
import java.util.List;

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

    /** Bucket4j buckets are atomic one at a time: a later refusal gives back the tokens already taken. */
    @Override
    public Outcome consume(List<Limit> limits) {
        Outcome tightest = null;
        for (int i = 0; i < limits.size(); i++) {
            Limit limit = limits.get(i);
            ConsumptionProbe probe = bucket(limit).tryConsumeAndReturnRemaining(1);
            Outcome outcome = new Outcome(probe.isConsumed(), limit, Math.max(0, probe.getRemainingTokens()),
                    probe.getNanosToWaitForReset(), probe.getNanosToWaitForRefill());
            if (!outcome.allowed()) {
                limits.subList(0, i).forEach(taken -> bucket(taken).addTokens(1));
                return outcome;
            }
            if (tightest == null || outcome.remaining() < tightest.remaining()) {
                tightest = outcome;
            }
        }
        return tightest;
    }

    private Bucket bucket(Limit limit) {
        return buckets.get(limit.key() + ":" + limit.perMinute(),
                k -> Bucket.builder().addLimit(BucketStore.perMinute(limit.perMinute()).getBandwidths()[0]).build());
    }

    @Override
    public void close() {
        buckets.invalidateAll();
    }
}
