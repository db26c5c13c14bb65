package io.castiel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.castiel.support.Api;
import io.castiel.support.Node;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * The default mode: a fresh {@code CASTIEL_HOME} gets its own PostgreSQL data directory and keys,
 * and a restart of the process finds the same data and honours tokens issued before it, also
 * when the restart rotates the signing key.
 */
class EmbeddedModeTests {

    @TempDir
    Path home;

    @Test
    void dataAndKeysSurviveARestart() {
        String email = "restart@example.test";
        String token;
        String shardId;
        String cursor;
        try (Node first = Node.startIn(home)) {
            Api api = first.api();
            JsonNode registered = api.post("auth/register", Api.object().put("tenantName", "Restart Inc").put("email", email)
                    .put("password", TestTenant.PASSWORD).put("name", "R")).json();
            token = registered.get("accessToken").asString();
            shardId = api.withToken(token).post("shards", Api.object().put("shardType", "c_note")
                    .set("structuredData", Api.object().put("title", "Persisted"))).json().get("id").asString();
            api.withToken(token).post("shards", Api.object().put("shardType", "c_note").set("structuredData", Api.object().put("title", "Second")));
            cursor = api.withToken(token).get("shards?limit=1").json().get("nextCursor").asString();
        }
        assertThat(Files.exists(home.resolve("pgdata").resolve("PG_VERSION"))).isTrue();
        assertThat(Files.exists(home.resolve("keys").resolve("jwt-signing.pem"))).isTrue();

        try (Node second = Node.startIn(home)) {
            Api api = second.api();
            Api.Response shard = api.withToken(token).get("shards/" + shardId);
            Api.Response login = api.post("auth/login", Api.object().put("email", email).put("password", TestTenant.PASSWORD));

            assertThat(shard.status()).as("a token from before the restart still verifies").isEqualTo(200);
            assertThat(shard.json().at("/structuredData/title").asString()).isEqualTo("Persisted");
            assertThat(login.status()).isEqualTo(200);
            assertThat(api.get("/health").json().get("status").asString()).isEqualTo("UP");
        }

        // Key rotation (README): the old key retires but keeps verifying the tokens it signed.
        try (Node rotated = Node.startIn(home, "castiel.security.rotate-key=true")) {
            Api api = rotated.api();
            JsonNode keys = api.get("/.well-known/jwks.json").json().get("keys");
            String newToken = api.post("auth/login", Api.object().put("email", email).put("password", TestTenant.PASSWORD))
                    .json().get("accessToken").asString();

            assertThat(api.withToken(token).get("shards/" + shardId).status()).as("a token of the retired key still verifies").isEqualTo(200);
            // (the test configuration adds one more previous key, after these two)
            assertThat(keys.get(0).get("kid").asString()).isEqualTo(kidOf(newToken)).isNotEqualTo(kidOf(token));
            assertThat(keys.get(1).get("kid").asString()).isEqualTo(kidOf(token));
            assertThat(api.withToken(newToken).get("me").status()).isEqualTo(200);
            assertThat(api.withToken(newToken).get("shards?limit=1&cursor=" + cursor).status())
                    .as("cursors are signed with the installation secret, not the rotated key").isEqualTo(200);
        }
    }

    private static String kidOf(String token) {
        String header = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                java.nio.charset.StandardCharsets.UTF_8);
        return Api.parse(header).get("kid").asString();
    }
}
