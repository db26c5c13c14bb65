package io.castiel.identity.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.castiel.platform.RecurringJob;

/** Drops login-throttle counters with nothing left to remember, cluster-wide, every ten minutes. */
@Component
class LoginThrottlePurge implements RecurringJob {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottlePurge.class);

    private final LoginThrottle throttle;

    LoginThrottlePurge(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public String name() {
        return "purge-login-throttle";
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(10);
    }

    @Override
    public void run() {
        log.debug("Purged {} login-throttle counters", throttle.purge());
    }
}
