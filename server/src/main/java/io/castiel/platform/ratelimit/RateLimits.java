package io.castiel.platform.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.RateLimitExceeded;
import io.castiel.platform.RedisProperties;
import io.castiel.platform.ratelimit.BucketStore.Limit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides whether a request may proceed: an authenticated caller spends one token of its
 * credential's bucket (its user, or its API key) and one of its tenant's; the public auth calls
 * spend one of their client address's login bucket; other anonymous calls one of the address's
 * general bucket. Buckets are in the JVM in embedded mode and in Redis in server mode (or whenever
 * {@code castiel.redis.url} is set). If Redis fails, requests are limited per node by the in-JVM
 * buckets instead (fail open to a weaker limit, never to none), with a warning and the
 * {@code castiel.rate_limit.store_failures} counter.
 */
@Component
public class RateLimits implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

    /**
     * The public auth calls (SecurityConfiguration.PUBLIC_POSTS, less logout and verify-email) that
     * check a password, a code or a one-time token, so guessing is worth limiting per address.
     */
    static final Set<String> LOGIN_PATHS = Set.of(
            "/api/v1/auth/login", "/api/v1/auth/register", "/api/v1/auth/refresh", "/api/v1/auth/mfa/verify",
            "/api/v1/auth/password/forgot", "/api/v1/auth/password/reset", "/api/v1/auth/invitations/accept",
            "/api/v1/auth/oauth/token", "/api/v1/auth/mfa/totp/setup", "/api/v1/auth/mfa/totp/enable");

    /** The outcome, with the figures of the bucket that is reported (the refusing one, else the tighter one). */
    record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

        static Decision of(BucketStore.Outcome outcome) {
            return new Decision(outcome.allowed(), outcome.reported().perMinute(), outcome.remaining(),
                    seconds(outcome.nanosToReset()), Math.max(1, seconds(outcome.nanosToRetry())));
        }

        private static long seconds(long nanos) {
            return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
        }
    }

    private final RateLimitProperties properties;
    private final LocalBucketStore local;
    private final BucketStore shared;
    private final ActorContext actors;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final Counter storeFailures;
    private final MeterRegistry meters;
    private final AtomicBoolean degraded = new AtomicBoolean();
    private final Cache<String, Boolean> recentlyReported = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();

    RateLimits(RateLimitProperties properties, RedisProperties redis, Environment environment, ActorContext actors, JsonMapper json,
            ApplicationEventPublisher events, MeterRegistry meters) {
        this.properties = properties;
        this.actors = actors;
        this.json = json;
        this.events = events;
        this.meters = meters;
        this.local = new LocalBucketStore(properties.maxLocalBuckets());
        String url = redis.url();
        if (!StringUtils.hasText(url) && environment.acceptsProfiles(Profiles.of("server"))) {
            url = "redis://127.0.0.1:6379";
        }
        this.shared = properties.enabled() && StringUtils.hasText(url)
                ? new RedisBucketStore(url, properties.keyPrefix(), properties.redisTimeout())
                : null;
        this.storeFailures = Counter.builder("castiel.rate_limit.store_failures")
                .description("Rate-limit checks that fell back to per-node buckets because Redis failed")
                .register(meters);
    }

    /** The filter that applies the limits; it belongs in the security chain after authentication. */
    public RateLimitFilter filter() {
        return new RateLimitFilter(this, actors, json, properties.enabled());
    }

    Decision check(HttpServletRequest request, Optional<Actor> actor) {
        String path = request.getRequestURI();
        if (HttpMethod.POST.matches(request.getMethod()) && LOGIN_PATHS.contains(path)) {
            return decide(null, List.of(new Limit("login_ip", "login-ip:" + request.getRemoteAddr(), properties.loginPerMinutePerIp())));
        }
        if (actor.isEmpty()) {
            return decide(null, List.of(new Limit("ip", "ip:" + request.getRemoteAddr(), properties.userPerMinute())));
        }
        Actor caller = actor.get();
        // The credential's bucket first: it is the one a caller can do something about.
        return decide(caller, List.of(new Limit("credential", "cred:" + caller.credentialKey(), properties.userPerMinute()),
                new Limit("tenant", "tenant:" + caller.tenantId(), properties.tenantPerMinute())));
    }

    private Decision decide(Actor caller, List<Limit> limits) {
        BucketStore.Outcome outcome = consume(limits);
        if (!outcome.allowed()) {
            Limit refusing = outcome.reported();
            meters.counter("castiel.rate_limit.rejected", "scope", refusing.scope()).increment();
            if (caller != null && recentlyReported.asMap().putIfAbsent(refusing.key(), Boolean.TRUE) == null) {
                events.publishEvent(new RateLimitExceeded(caller.tenantId(), caller.userId(), caller.apiKeyId(), refusing.scope(),
                        refusing.perMinute()));
            }
        }
        return Decision.of(outcome);
    }

    private BucketStore.Outcome consume(List<Limit> limits) {
        if (shared != null) {
            try {
                BucketStore.Outcome outcome = shared.consume(limits);
                if (degraded.compareAndSet(true, false)) {
                    log.info("Redis is back: rate limits are shared by all nodes again");
                }
                return outcome;
            } catch (RuntimeException e) {
                storeFailures.increment();
                if (degraded.compareAndSet(false, true)) {
                    log.warn("Rate-limit store (Redis) failed ({}); limiting per node until it answers again", e.toString());
                }
            }
        }
        return local.consume(limits);
    }

    @Override
    public void destroy() {
        if (shared != null) {
            shared.close();
        }
        local.close();
    }
}
