package io.castiel.identity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Builds tokens the way an attacker (or an earlier signing key) would, starting from the claims of
 * a real access token. The "previous" key is the test-only key whose public half the test
 * configuration lists in {@code castiel.security.jwt-previous-public-keys}: a token it signs with
 * correct claims must verify, so each altered claim is tested alone.
 */
final class ForgedTokens {

    static final PrivateKey PREVIOUS_KEY = load("/keys/previous-signing-key.pem");

    private ForgedTokens() {
    }

    static JWTClaimsSet claimsOf(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static String kidOf(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(JWSSigner signer, JWSHeader header, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    static JWSHeader.Builder header(JWSAlgorithm algorithm, String kid, String type) {
        JWSHeader.Builder header = new JWSHeader.Builder(algorithm).keyID(kid);
        return type == null ? header : header.type(new JOSEObjectType(type));
    }

    /** Signed by the configured previous key, with the header an access token has. */
    static String signedByPreviousKey(JWTClaimsSet claims, String kid, String type) {
        return sign(new RSASSASigner(PREVIOUS_KEY), header(JWSAlgorithm.RS256, kid, type).build(), claims);
    }

    static String base64Url(Map<String, Object> json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                io.castiel.support.Api.JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8));
    }

    private static PrivateKey load(String resource) {
        try (InputStream in = ForgedTokens.class.getResourceAsStream(resource)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
