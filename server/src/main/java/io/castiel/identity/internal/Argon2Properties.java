package io.castiel.identity.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code castiel.security.argon2.*}: Argon2id cost. The default (46 MiB, 2 passes, 1 lane: one of
 * OWASP's equivalent settings) costs about 70-100 ms of one core per hash on the reference machine
 * (bench/README.md); stored hashes keep their own parameters and are re-hashed with these at the
 * next successful login. {@code maxConcurrent} bounds how many hashes run at once (0: one per CPU
 * core), so a login storm cannot take all the CPU from other requests; callers beyond it queue,
 * up to {@code maxQueued}, after which a login is answered 503.
 */
@ConfigurationProperties("castiel.security.argon2")
record Argon2Properties(
        @DefaultValue("47104") int memoryKib,
        @DefaultValue("2") int iterations,
        @DefaultValue("1") int parallelism,
        @DefaultValue("0") int maxConcurrent,
        @DefaultValue("1000") int maxQueued) {

    Argon2Properties {
        // OWASP's floor for Argon2id: 19 MiB with 2 passes, or more memory with 1.
        if (memoryKib < 19_456 || iterations < 1 || (iterations == 1 && memoryKib < 47_104) || parallelism < 1) {
            throw new IllegalArgumentException("castiel.security.argon2 is below OWASP's minimum (m >= 19456 KiB with t >= 2, "
                    + "or m >= 47104 KiB with t = 1)");
        }
    }

    int threads() {
        return maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
    }
}
