package io.castiel.identity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Failed-login throttling ({@code castiel.login-throttle.*}). {@code maxFailures} failures of one
 * account (by email) within {@code window} lock it for {@code lockout}, doubling with each further
 * lockout up to {@code maxLockout}; {@code ipMaxFailures} does the same per client IP, higher
 * because many people may share one address. A lockout streak is forgotten after {@code forgetAfter}
 * without failures.
 */
@ConfigurationProperties("castiel.login-throttle")
public record LoginThrottleProperties(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("50") int ipMaxFailures,
        @DefaultValue("15m") Duration window,
        @DefaultValue("1m") Duration lockout,
        @DefaultValue("1h") Duration maxLockout,
        @DefaultValue("24h") Duration forgetAfter) {

    public LoginThrottleProperties {
        if (maxFailures < 1 || ipMaxFailures < 1) {
            throw new IllegalArgumentException("castiel.login-throttle.max-failures and ip-max-failures must be at least 1");
        }
    }
}
