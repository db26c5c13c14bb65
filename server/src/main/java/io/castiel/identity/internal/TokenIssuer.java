package io.castiel.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.castiel.platform.ActorContext;
import io.castiel.platform.CastielProperties;
import io.castiel.platform.SigningKeys;

/**
 * Issues RS256 access tokens and opaque refresh tokens (only their SHA-256 is ever stored). An
 * access token is typed {@code at+jwt} (RFC 9068), names its audience and its session family
 * ({@code sid}), and is signed by the newest key with that key's {@code kid}.
 */
@Component
class TokenIssuer {

    private final SigningKeys keys;
    private final RSASSASigner signer;
    private final CastielProperties.Security settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    TokenIssuer(SigningKeys keys, CastielProperties properties, Clock clock) {
        this.keys = keys;
        this.signer = new RSASSASigner(keys.privateKey());
        this.settings = properties.security();
        this.clock = clock;
    }

    static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

    String accessToken(UUID userId, UUID tenantId, List<String> roles, UUID sessionId) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .audience(settings.audience())
                .subject(userId.toString())
                .claim(ActorContext.TENANT_CLAIM, tenantId.toString())
                .claim(ActorContext.ROLES_CLAIM, roles)
                .claim(ActorContext.SESSION_CLAIM, sessionId.toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(settings.accessTokenTtl())))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keys.keyId()).type(ACCESS_TOKEN_TYPE).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign access token", e);
        }
        return jwt.serialize();
    }

    long accessTokenSeconds() {
        return settings.accessTokenTtl().toSeconds();
    }

    String newRefreshToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "rt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String refreshToken) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
