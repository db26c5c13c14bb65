package io.castiel.platform;

import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

/**
 * The server's asymmetric signing key (access tokens) and a symmetric key derived from it for
 * tamper-evident values such as cursors. {@code keyId} goes into the JWT {@code kid} header.
 */
public record SigningKeys(String keyId, RSAPrivateCrtKey privateKey, RSAPublicKey publicKey, byte[] macKey) {
}
