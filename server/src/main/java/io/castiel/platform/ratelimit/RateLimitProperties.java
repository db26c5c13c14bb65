package io.castiel.platform.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code castiel.rate-limit.*}: token buckets refilled per minute. {@code userPerMinute} is per
 * credential (a user's tokens, or one API key), {@code tenantPerMinute} for a whole tenant,
 * {@code loginPerMinutePerIp} for the public auth calls (login, register, refresh, ...) per client
 * address; other anonymous {@code /api/v1} calls get {@code userPerMinute} per address.
 * {@code maxLocalBuckets} bounds the in-JVM store; {@code redisTimeout} bounds one shared-store
 * call before the request is let through (fail open); {@code keyPrefix} namespaces the Redis keys.
 */
@ConfigurationProperties("castiel.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("600") long userPerMinute,
        @DefaultValue("6000") long tenantPerMinute,
        @DefaultValue("20") long loginPerMinutePerIp,
        @DefaultValue("100000") long maxLocalBuckets,
        @DefaultValue("250ms") Duration redisTimeout,
        @DefaultValue("castiel:rl:") String keyPrefix) {

    public RateLimitProperties {
        if (userPerMinute < 1 || tenantPerMinute < 1 || loginPerMinutePerIp < 1) {
            throw new IllegalArgumentException("castiel.rate-limit limits must be at least 1 per minute");
        }
    }
}
