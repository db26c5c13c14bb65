package io.castiel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.castiel.support.Api;
import io.castiel.support.Node;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * Server mode against an external PostgreSQL ({@code CASTIEL_DB_URL}, as {@code .ci/run} sets up
 * on the machine's PostgreSQL): the same migrations and behaviour, with the owner and request
 * roles given by configuration. Skipped where no external database is configured.
 */
@EnabledIfEnvironmentVariable(named = "CASTIEL_DB_URL", matches = ".+")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerModeTests {

    private Node node;
    private Api anonymous;

    @BeforeAll
    void start() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        node = Node.start("spring.profiles.active=server",
                "castiel.security.jwt-private-key=" + pem, "castiel.security.secret-key=" + Base64.getEncoder().encodeToString(new byte[32]),
                // Server mode shares rate limits through the machine's Redis: buckets of this run only.
                "castiel.rate-limit.key-prefix=castiel-test:" + UUID.randomUUID() + ":");
        anonymous = node.api();
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void registersWritesAndReadsThroughTheExternalDatabase() {
        Api owner = register();
        JsonNode shard = owner.post("shards", Api.object().put("shardType", "c_account")
                .set("structuredData", Api.object().put("name", "Server Mode Co").put("industry", "Energy"))).json();

        Api.Response read = owner.get("shards/" + shard.get("id").asString());
        JsonNode list = owner.get("shards?type=c_account&where=industry:eq:Energy").json();

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(list.get("items")).hasSize(1);
        assertThat(owner.get("audit-logs/verify").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void tenantsAreIsolatedByRowLevelSecurity() {
        Api a = register();
        Api b = register();
        String aShard = a.post("shards", Api.object().put("shardType", "c_note").set("structuredData", Api.object().put("title", "A")))
                .json().get("id").asString();
        UUID aTenant = UUID.fromString(a.get("me").json().at("/tenant/id").asString());

        assertThat(b.get("shards/" + aShard).status()).isEqualTo(404);
        TenantContext tenants = node.context.getBean(TenantContext.class);
        JdbcClient jdbc = node.context.getBean(JdbcClient.class);
        List<UUID> seen = tenants.inTenant(aTenant, () -> jdbc.sql("select distinct tenant_id from shards").query(UUID.class).list());
        assertThat(seen).containsExactly(aTenant);
        assertThat(jdbc.sql("select rolsuper or rolbypassrls from pg_roles where rolname = current_user").query(Boolean.class).single())
                .isFalse();
    }

    private Api register() {
        JsonNode body = anonymous.post("auth/register", Api.object().put("tenantName", "Server " + UUID.randomUUID())
                .put("email", UUID.randomUUID() + "@server.test").put("password", TestTenant.PASSWORD).put("name", "S")).json();
        return anonymous.withToken(body.get("accessToken").asString());
    }
}
