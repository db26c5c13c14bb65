package io.castiel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.castiel.identity.internal.Totp;
import io.castiel.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * The test's authenticator app: holds a TOTP secret from {@code /auth/mfa/totp/setup} and computes
 * codes like a phone would. The server accepts the steps now-1..now+1, each once, so a test that
 * needs a second code asks for the next step's.
 */
record Authenticator(byte[] secret, String firstCode, List<String> recoveryCodes) {

    /** Sets up and enables TOTP for the user behind {@code api}. */
    static Authenticator enable(Api api) {
        Api.Response setup = api.post("auth/mfa/totp/setup", null);
        assertThat(setup.status()).as(setup.toString()).isEqualTo(200);
        byte[] secret = Totp.fromBase32(setup.json().get("secret").asString());
        String code = codeAt(secret, 0);
        Api.Response enabled = api.post("auth/mfa/totp/enable", Api.object().put("code", code));
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        return new Authenticator(secret, code, codes(enabled.json()));
    }

    static List<String> codes(JsonNode enabled) {
        List<String> codes = new ArrayList<>();
        enabled.get("recoveryCodes").forEach(c -> codes.add(c.asString()));
        return codes;
    }

    /** The code of the current step plus {@code offset} (by the test's clock, same as the server's). */
    static String codeAt(byte[] secret, int offset) {
        return Totp.code(secret, Totp.step(Instant.now()) + offset);
    }

    /** The code of the next step: accepted once after {@link #firstCode()}. */
    String nextCode() {
        return codeAt(secret, 1);
    }

    /** A six-digit code that is valid for none of the steps the server accepts now. */
    String wrongCode() {
        List<String> valid = List.of(codeAt(secret, -2), codeAt(secret, -1), codeAt(secret, 0), codeAt(secret, 1), codeAt(secret, 2));
        for (int i = 0; ; i++) {
            String candidate = String.format("%06d", (123_457 + i * 7_919) % 1_000_000);
            if (!valid.contains(candidate)) {
                return candidate;
            }
        }
    }
}
