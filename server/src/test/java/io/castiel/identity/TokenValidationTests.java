package io.castiel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * Access tokens (RFC 9068) are checked in full: signature by one of our keys (chosen by kid, RS256
 * only), typ at+jwt, iss, aud, exp and nbf. Each forged variant differs from an accepted token in
 * one respect, and the accepted control proves the rest of it would pass.
 */
class TokenValidationTests extends CastielTest {

    @Test
    void jwksListsTheSigningKeyAndThePreviousOnePubliclyAndCacheable() {
        TestTenant tenant = newTenant();

        Api.Response jwks = anonymous.get("/.well-known/jwks.json");

        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.header("Cache-Control")).contains("max-age=300");
        List<String> kids = new ArrayList<>();
        jwks.json().get("keys").forEach(key -> {
            assertThat(key.get("kty").asString()).isEqualTo("RSA");
            assertThat(key.get("alg").asString()).isEqualTo("RS256");
            assertThat(key.has("d")).as("no private part").isFalse();
            kids.add(key.get("kid").asString());
        });
        assertThat(kids).hasSize(2).first().isEqualTo(ForgedTokens.kidOf(tenant.api().token()));
    }

    @Test
    void accessTokensAreTypedAndCarryAudienceNotBeforeAndSession() throws Exception {
        TestTenant tenant = newTenant();
        String token = tenant.api().token();
        com.nimbusds.jwt.SignedJWT jwt = com.nimbusds.jwt.SignedJWT.parse(token);

        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("castiel-api");
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("castiel");
        assertThat(jwt.getJWTClaimsSet().getNotBeforeTime()).isNotNull();
        assertThat(jwt.getJWTClaimsSet().getStringClaim("sid")).isNotBlank();
    }

    @Test
    void aTokenSignedByThePreviousKeyIsStillAccepted() {
        TestTenant tenant = newTenant();

        String token = ForgedTokens.signedByPreviousKey(ForgedTokens.claimsOf(tenant.api().token()), previousKid(), "at+jwt");

        Api.Response me = anonymous.withToken(token).get("me");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().at("/user/id").asString()).isEqualTo(tenant.ownerId().toString());
    }

    @Test
    void unsignedTokensAreRejected() {
        TestTenant tenant = newTenant();
        String payload = tenant.api().token().split("\\.")[1];
        String none = ForgedTokens.base64Url(Map.of("alg", "none", "typ", "at+jwt")) + "." + payload + ".";
        String noneWithKid = ForgedTokens.base64Url(Map.of("alg", "none", "typ", "at+jwt", "kid", ForgedTokens.kidOf(tenant.api().token())))
                + "." + payload + ".";

        assertUnauthorized(none);
        assertUnauthorized(noneWithKid);
    }

    @Test
    void anHmacTokenKeyedWithThePublicKeyIsRejected() throws Exception {
        TestTenant tenant = newTenant();
        String token = tenant.api().token();
        JsonNode jwk = anonymous.get("/.well-known/jwks.json").json().get("keys").get(0);
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("n").asString())),
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("e").asString()))));

        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(publicKey.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";

        String keyedWithDer = ForgedTokens.sign(new MACSigner(publicKey.getEncoded()),
                ForgedTokens.header(JWSAlgorithm.HS256, ForgedTokens.kidOf(token), "at+jwt").build(), ForgedTokens.claimsOf(token));
        String keyedWithPem = ForgedTokens.sign(new MACSigner(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                ForgedTokens.header(JWSAlgorithm.HS256, ForgedTokens.kidOf(token), "at+jwt").build(), ForgedTokens.claimsOf(token));

        assertUnauthorized(keyedWithDer);
        assertUnauthorized(keyedWithPem);
    }

    @Test
    void aTokenSignedByAnotherRsaKeyIsRejected() throws Exception {
        TestTenant tenant = newTenant();
        String token = tenant.api().token();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);

        String foreign = ForgedTokens.sign(new RSASSASigner(generator.generateKeyPair().getPrivate()),
                ForgedTokens.header(JWSAlgorithm.RS256, ForgedTokens.kidOf(token), "at+jwt").build(), ForgedTokens.claimsOf(token));

        assertUnauthorized(foreign);
    }

    @Test
    void aTamperedPayloadIsRejected() {
        TestTenant tenant = newTenant();
        String[] parts = tenant.api().token().split("\\.");
        Map<String, Object> claims = new LinkedHashMap<>(ForgedTokens.claimsOf(tenant.api().token()).toJSONObject());
        claims.put("roles", List.of("owner", "admin"));
        claims.put("sub", java.util.UUID.randomUUID().toString());

        assertUnauthorized(parts[0] + "." + ForgedTokens.base64Url(claims) + "." + parts[2]);
    }

    @Test
    void expiredAndNotYetValidTokensAreRejected() {
        TestTenant tenant = newTenant();
        Instant now = Instant.now();

        assertUnauthorized(variant(tenant, claims -> claims.issueTime(Date.from(now.minusSeconds(3600)))
                .notBeforeTime(Date.from(now.minusSeconds(3600))).expirationTime(Date.from(now.minusSeconds(120)))));
        assertUnauthorized(variant(tenant, claims -> claims.notBeforeTime(Date.from(now.plusSeconds(600)))));
    }

    @Test
    void tokensWithoutExpiryNotBeforeIssuerOrAudienceAreRejected() {
        TestTenant tenant = newTenant();

        assertUnauthorized(variant(tenant, claims -> claims.expirationTime(null)));
        assertUnauthorized(variant(tenant, claims -> claims.notBeforeTime(null)));
        assertUnauthorized(variant(tenant, claims -> claims.issuer(null)));
        assertUnauthorized(variant(tenant, claims -> claims.audience((String) null)));
    }

    @Test
    void tokensForAnotherAudienceOrFromAnotherIssuerAreRejected() {
        TestTenant tenant = newTenant();

        assertUnauthorized(variant(tenant, claims -> claims.audience("another-api")));
        assertUnauthorized(variant(tenant, claims -> claims.issuer("https://evil.example")));
    }

    @Test
    void tokensOfAnotherTypeAreNeverAcceptedAsAccessTokens() {
        TestTenant tenant = newTenant();
        JWTClaimsSet claims = ForgedTokens.claimsOf(tenant.api().token());

        assertUnauthorized(ForgedTokens.signedByPreviousKey(claims, previousKid(), "mfa+jwt"));
        assertUnauthorized(ForgedTokens.signedByPreviousKey(claims, previousKid(), "JWT"));
        assertUnauthorized(ForgedTokens.signedByPreviousKey(claims, previousKid(), null));
    }

    @Test
    void aTokenWithoutKeyIdOrSessionIsRejected() {
        TestTenant tenant = newTenant();
        JWTClaimsSet claims = ForgedTokens.claimsOf(tenant.api().token());

        assertUnauthorized(ForgedTokens.signedByPreviousKey(claims, null, "at+jwt"));
        assertUnauthorized(variant(tenant, c -> c.claim("sid", null)));
        assertUnauthorized(variant(tenant, c -> c.claim("sid", java.util.UUID.randomUUID().toString())));
    }

    /** The owner's claims, changed by {@code change}, signed by the trusted previous key as an access token. */
    private String variant(TestTenant tenant, Consumer<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder(ForgedTokens.claimsOf(tenant.api().token()));
        change.accept(claims);
        return ForgedTokens.signedByPreviousKey(claims.build(), previousKid(), "at+jwt");
    }

    private String previousKid() {
        JsonNode keys = anonymous.get("/.well-known/jwks.json").json().get("keys");
        return keys.get(keys.size() - 1).get("kid").asString();
    }

    private void assertUnauthorized(String token) {
        Api.Response response = anonymous.withToken(token).get("me");
        assertThat(response.status()).as("%s for %s", response, token).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
