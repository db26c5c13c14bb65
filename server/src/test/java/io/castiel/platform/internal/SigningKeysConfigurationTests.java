package io.castiel.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded key directory: rotation retires the signing key, which verifies until its tokens have all expired. */
class SigningKeysConfigurationTests {

    private static final Duration TTL = Duration.ofMinutes(15);

    @TempDir
    Path keys;

    @Test
    void rotationRetiresTheSigningKeyAndMakesANewOne() throws Exception {
        Instant now = Instant.parse("2026-11-26T02:00:00Z");
        String first = directory(now).signingKey(false);
        String again = directory(now.plusSeconds(60)).signingKey(false);

        String rotated = directory(now.plusSeconds(120)).signingKey(true);
        List<RSAPublicKey> retired = directory(now.plusSeconds(120)).retiredKeys();

        assertThat(again).isEqualTo(first);
        assertThat(rotated).isNotEqualTo(first);
        assertThat(Files.exists(keys.resolve("jwt-retired-" + now.plusSeconds(120).getEpochSecond() + ".pem"))).isTrue();
        assertThat(retired).containsExactly(SigningKeysConfiguration.fromPem(first, new byte[32]).publicKey());
    }

    @Test
    void aRetiredKeyIsDeletedOnceNoTokenItSignedCanBeValid() throws Exception {
        Instant retiredAt = Instant.parse("2026-11-26T02:00:00Z");
        directory(retiredAt).signingKey(false);
        directory(retiredAt).signingKey(true);

        List<RSAPublicKey> stillUseful = directory(retiredAt.plus(TTL)).retiredKeys();
        List<RSAPublicKey> expired = directory(retiredAt.plus(TTL).plusSeconds(61)).retiredKeys();

        assertThat(stillUseful).hasSize(1);
        assertThat(expired).isEmpty();
        try (var files = Files.list(keys)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("jwt-signing.pem");
        }
    }

    private SigningKeysConfiguration.KeyDirectory directory(Instant now) {
        return new SigningKeysConfiguration.KeyDirectory(keys, Clock.fixed(now, ZoneOffset.UTC), TTL);
    }
}
