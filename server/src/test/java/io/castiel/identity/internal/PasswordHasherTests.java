package io.castiel.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

class PasswordHasherTests {

    @Test
    void noMoreHashesRunAtOnceThanConfigured() throws Exception {
        PasswordHasher hasher = new PasswordHasher(new Argon2Properties(19_456, 2, 1, 2, 100));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> hashes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String password = "password number " + i;
                hashes.add(callers.submit(() -> hasher.hash(password)));
            }
            for (int i = 0; i < 8; i++) {
                assertThat(hasher.matches("password number " + i, hashes.get(i).get())).isTrue();
            }
            assertThat(hasher.largestConcurrency()).isEqualTo(2);
        } finally {
            callers.shutdownNow();
            hasher.destroy();
        }
    }

    @Test
    void hashesWithOtherParametersStillVerifyAndAreUpgraded() {
        PasswordHasher hasher = new PasswordHasher(new Argon2Properties(19_456, 3, 1, 1, 100));
        try {
            String old = new Argon2PasswordEncoder(16, 32, 1, 19_456, 2).encode("an old password");

            String current = hasher.hash("an old password");

            assertThat(current).startsWith("$argon2id$v=19$m=19456,t=3,p=1$");
            assertThat(hasher.matches("an old password", old)).isTrue();
            assertThat(hasher.upgrade("an old password", old)).hasValueSatisfying(rehashed -> assertThat(hasher.isCurrent(rehashed)).isTrue());
            assertThat(hasher.upgrade("an old password", current)).isEmpty();
        } finally {
            hasher.destroy();
        }
    }

    @Test
    void parametersBelowOwaspMinimumAreRefused() {
        assertThatThrownBy(() -> new Argon2Properties(19_456, 1, 1, 0, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2Properties(8_192, 4, 1, 0, 100)).isInstanceOf(IllegalArgumentException.class);
    }
}
