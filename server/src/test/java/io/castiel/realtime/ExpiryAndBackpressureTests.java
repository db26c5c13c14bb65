package io.castiel.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The WebSocket's time limits: an access token's expiry ends the socket; a client that stops reading is dropped alone. */
class ExpiryAndBackpressureTests extends CastielTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void theTokensExpiryClosesTheSocketUnlessAFreshTokenCameFirst() {
        TestTenant tenant = newTenant();
        String shortLived = expiringIn(tenant, Duration.ofSeconds(2));
        try (WsClient expiring = WsClient.authenticated(port, shortLived); WsClient renewed = WsClient.authenticated(port, shortLived)) {
            renewed.send(Api.object().put("type", "auth").put("token", tenant.api().token()));
            assertThat(renewed.next().get("type").asString()).isEqualTo("ready");

            JsonNode error = expiring.next();
            assertThat(error.get("type").asString()).isEqualTo("error");
            assertThat(error.get("code").asString()).isEqualTo("token_expired");
            WsClient.Close close = expiring.awaitClose();
            assertThat(close.code()).isEqualTo(1008);
            assertThat(close.reason()).isEqualTo("token expired");
            assertThat(renewed.drain(Duration.ofMillis(500))).isEmpty();
            assertThat(renewed.closed).isNotDone();
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedWithoutDelayingTheOthers() {
        TestTenant tenant = newTenant();
        double droppedBefore = slowConsumers();
        try (WsClient slow = WsClient.authenticated(port, tenant.api().token());
                WsClient fast = WsClient.authenticated(port, tenant.api().token())) {
            slow.subscribe(List.of("shard.*"), null);
            fast.subscribe(List.of("shard.*"), null);
            slow.stopReading();

            // ~600 KB per event: the network buffers and the slow socket's 8 MB queue fill within a few dozen writes.
            String filler = "x".repeat(600_000);
            List<String> written = new ArrayList<>();
            List<Long> lags = new ArrayList<>();
            for (int i = 0; i < 60 && slowConsumers() == droppedBefore; i++) {
                ObjectNode shard = Api.object().put("shardType", "c_account");
                shard.set("structuredData", Api.object().put("name", "Big " + i));
                shard.set("unstructuredData", Api.object().put("text", filler));
                Api.Response created = tenant.api().post("shards", shard);
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                long wrote = System.nanoTime();
                written.add(created.json().get("id").asString());
                assertThat(fast.nextEvent().at("/data/id").asString()).isEqualTo(written.get(written.size() - 1));
                lags.add(Duration.ofNanos(System.nanoTime() - wrote).toMillis());
            }

            assertThat(slowConsumers()).as("the slow client was dropped").isGreaterThan(droppedBefore);
            assertThat(lags).as("the fast client's delay per event (ms)").allMatch(lag -> lag < 2_000);
            slow.resumeReading();
            WsClient.Close close = slow.awaitClose();
            assertThat(close.code()).as(close.toString()).isIn(1013, 1006, -1);
            assertThat(slow.messages.size()).isLessThan(written.size());
            JsonNode after = tenant.account("After the drop");
            assertThat(fast.nextEvent().at("/data/id").asString()).isEqualTo(after.get("id").asString());
        }
    }

    private double slowConsumers() {
        return meters.counter("castiel.realtime.slow_consumers").count();
    }

    /** The owner's access token with a near expiry, signed by the test's trusted previous key. */
    private String expiringIn(TestTenant tenant, Duration ttl) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder(SignedJWT.parse(tenant.api().token()).getJWTClaimsSet())
                    .expirationTime(Date.from(Instant.now().plus(ttl))).build();
            JsonNode keys = anonymous.get("/.well-known/jwks.json").json().get("keys");
            String kid = keys.get(keys.size() - 1).get("kid").asString();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(new JOSEObjectType("at+jwt")).build(),
                    claims);
            jwt.sign(new RSASSASigner(previousKey()));
            return jwt.serialize();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey previousKey() {
        try (InputStream in = ExpiryAndBackpressureTests.class.getResourceAsStream("/keys/previous-signing-key.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
