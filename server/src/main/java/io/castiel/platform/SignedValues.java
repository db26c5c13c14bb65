package io.castiel.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Tamper-evident values handed to clients (cursors, invitation links): base64url(payload) + "." +
 * a truncated HMAC-SHA256 over the purpose and the payload, keyed by the installation's MAC key.
 * The purpose keeps a value made for one use from passing as another.
 */
@Component
public class SignedValues {

    private static final int TAG_BYTES = 16;

    private final SecretKeySpec key;

    SignedValues(SigningKeys keys) {
        this.key = new SecretKeySpec(keys.macKey(), "HmacSHA256");
    }

    public String sign(String purpose, byte[] payload) {
        return b64(payload) + "." + b64(tag(purpose, payload));
    }

    /** The payload of a value this installation signed for {@code purpose}; empty for anything altered, truncated or made up. */
    public Optional<byte[]> verify(String purpose, String value) {
        int dot = value == null ? -1 : value.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(value.substring(0, dot));
            byte[] tag = Base64.getUrlDecoder().decode(value.substring(dot + 1));
            // Unpadded base64 ignores the spare low bits of its last character, so several
            // spellings decode alike; only the one we issued is accepted.
            if (!value.equals(b64(payload) + "." + b64(tag)) || !MessageDigest.isEqual(tag, tag(purpose, payload))) {
                return Optional.empty();
            }
            return Optional.of(payload);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] tag(String purpose, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((purpose + ":").getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(mac.doFinal(payload), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
