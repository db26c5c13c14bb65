package io.castiel.identity.internal;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id with OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane). A fixed decoy hash
 * is checked when no account matches, so an unknown email costs the same time as a wrong password.
 */
@Component
class PasswordHasher {

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19_456, 2);
    private final String decoy = encoder.encode("decoy-password-for-timing");

    String hash(String password) {
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        return hash != null && encoder.matches(password, hash);
    }

    void burnDecoy(String password) {
        encoder.matches(password, decoy);
    }
}
