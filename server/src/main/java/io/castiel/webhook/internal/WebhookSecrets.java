package io.castiel.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import io.castiel.platform.SigningKeys;

/**
 * Endpoint secrets in the Standard Webhooks form ({@code whsec_} + base64 of 32 random bytes),
 * sealed at rest with AES-256-GCM under a key derived from the installation secret (signing needs
 * the secret itself, so a hash would not do), and the {@code v1} signature over
 * {@code "{id}.{timestamp}.{body}"}.
 */
@Component
public class WebhookSecrets {

    static final String PREFIX = "whsec_";
    private static final int NONCE_BYTES = 12;

    private final SecretKeySpec sealKey;
    private final SecureRandom random = new SecureRandom();

    WebhookSecrets(SigningKeys keys) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.macKey(), "HmacSHA256"));
            this.sealKey = new SecretKeySpec(mac.doFinal("castiel-webhook-secret-key-v1".getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /** {@code context} binds the ciphertext to its row: a secret copied to another endpoint does not open. */
    byte[] seal(String secret, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealKey, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt", e);
        }
    }

    String open(byte[] box, String context) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sealKey, new GCMParameterSpec(128, box, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(box, NONCE_BYTES, box.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored webhook secret does not decrypt (was the installation secret changed?)", e);
        }
    }

    /** The {@code webhook-signature} value: {@code v1,} + base64 HMAC-SHA256 keyed with the decoded secret. */
    public static String sign(String secret, String id, long timestamp, byte[] body) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] tag = mac.doFinal(body);
            return "v1," + Base64.getEncoder().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
