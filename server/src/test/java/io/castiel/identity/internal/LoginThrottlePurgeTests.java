package io.castiel.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.castiel.support.CastielTest;

/** Counters of guessed emails do not pile up: those with nothing left to remember are purged, locks and recent streaks stay. */
class LoginThrottlePurgeTests extends CastielTest {

    @Autowired
    LoginThrottlePurge purge;

    @Test
    void thePurgeJobDropsOnlyCountersWithNothingLeftToRemember() {
        String prefix = "purge-test-" + UUID.randomUUID() + ":";
        jdbc.sql("""
                insert into login_throttle (key, failures, lockouts, locked_until, updated_at) values
                    (? || 'stale', 3, 2, now() - interval '2 days', now() - interval '25 hours'),
                    (? || 'stale-never-locked', 1, 0, null, now() - interval '25 hours'),
                    (? || 'still-locked', 0, 9, now() + interval '1 hour', now() - interval '25 hours'),
                    (? || 'recent', 2, 1, null, now() - interval '1 hour')""")
                .params(prefix, prefix, prefix, prefix).update();

        purge.run();

        assertThat(jdbc.sql("select key from login_throttle where key like ? || '%' order by key").param(prefix).query(String.class).list())
                .containsExactly(prefix + "recent", prefix + "still-locked");
    }
}
