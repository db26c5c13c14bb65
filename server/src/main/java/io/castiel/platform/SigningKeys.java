package io.castiel.platform;

import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;

/**
 * The server's asymmetric signing key (access tokens) and a symmetric key derived from it for
 * tamper-evident values such as cursors. {@code keyId} goes into the JWT {@code kid} header.
 * {@code verificationKeys} are every key whose tokens are still accepted: the signing key first,
 * then the keys it replaced, so that a key rotation logs nobody out (each is found by its kid).
 */
public record SigningKeys(String keyId, RSAPrivateCrtKey privateKey, RSAPublicKey publicKey, byte[] macKey,
        List<VerificationKey> verificationKeys) {

    /** A public key that verifies access tokens carrying its {@code kid}. */
    public record VerificationKey(String keyId, RSAPublicKey publicKey) {
    }

    public SigningKeys {
        verificationKeys = List.copyOf(verificationKeys);
    }

    /** Only the signing key verifies. */
    public SigningKeys(String keyId, RSAPrivateCrtKey privateKey, RSAPublicKey publicKey, byte[] macKey) {
        this(keyId, privateKey, publicKey, macKey, List.of(new VerificationKey(keyId, publicKey)));
    }
}
