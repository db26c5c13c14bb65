package io.castiel.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.stereotype.Component;

/**
 * Random bearer secrets handed to a user once (mfaTokens, reset and verification links) and the
 * SHA-256 under which they are stored. 256 random bits need no slow hash: only the hash is in the
 * database, and it cannot be reversed or guessed.
 */
@Component
class OneTimeTokens {

    private final SecureRandom random = new SecureRandom();

    String next(String prefix) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token as it may arrive from a client: non-empty, of sane length, else null. */
    static String plausible(String token) {
        return token == null || token.isBlank() || token.length() > 200 ? null : token.trim();
    }
}
