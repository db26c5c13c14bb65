package io.castiel.platform.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import io.castiel.platform.ActorContext;
import io.castiel.platform.CastielProperties;
import io.castiel.platform.SigningKeys;

/**
 * Builds the verifier of access tokens. Nimbus checks the signature: RS256 only (so {@code alg:
 * none} and HMAC tokens, including one keyed with our public key, never verify), with the key its
 * {@code kid} names among {@link SigningKeys#verificationKeys()}, and the header {@code typ:
 * at+jwt}. Spring's validators then require and check the claims.
 */
final class AccessTokenDecoder {

    static final String ACCESS_TOKEN_TYPE = "at+jwt";
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private AccessTokenDecoder() {
    }

    /** The public verification keys as a JWK Set (also what {@code /.well-known/jwks.json} serves). */
    static JWKSet jwkSet(SigningKeys keys) {
        List<JWK> jwks = keys.verificationKeys().stream()
                .<JWK>map(key -> new RSAKey.Builder(key.publicKey()).keyID(key.keyId()).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256).build())
                .toList();
        return new JWKSet(jwks);
    }

    static NimbusJwtDecoder create(SigningKeys keys, CastielProperties.Security security, Clock clock) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwkSet(keys))));
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(ACCESS_TOKEN_TYPE)));
        // Claims are checked below by Spring's validators, against the injected clock.
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);

        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setClock(clock);
        timestamps.setAllowEmptyExpiryClaim(false);
        timestamps.setAllowEmptyNotBeforeClaim(false);
        JwtTypeValidator type = new JwtTypeValidator(ACCESS_TOKEN_TYPE);
        type.setAllowEmpty(false);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
                type,
                timestamps,
                required("iss"),
                new JwtIssuerValidator(security.issuer()),
                required("aud"),
                new JwtAudienceValidator(security.audience()),
                AccessTokenDecoder::identifiesSession)));
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> required(String claim) {
        return jwt -> jwt.hasClaim(claim) ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token has no " + claim + " claim", null));
    }

    /** A key id, a subject, a tenant and a session, all well formed: what an access token is about. */
    private static OAuth2TokenValidatorResult identifiesSession(Jwt jwt) {
        try {
            if (jwt.getHeaders().get("kid") != null && jwt.getSubject() != null) {
                UUID.fromString(jwt.getSubject());
                UUID.fromString(jwt.getClaimAsString(ActorContext.TENANT_CLAIM));
                UUID.fromString(jwt.getClaimAsString(ActorContext.SESSION_CLAIM));
                return OAuth2TokenValidatorResult.success();
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            // falls through to the failure below
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token does not name a user, tenant and session", null));
    }
}
