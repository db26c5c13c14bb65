package io.castiel.search;

import static io.castiel.search.Notes.note;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.castiel.search.internal.VectorIndexes;
import io.castiel.support.Api;
import io.castiel.support.Node;
import tools.jackson.databind.JsonNode;

/**
 * Search in server mode on the machine's PostgreSQL ({@code CASTIEL_DB_URL}, as {@code .ci/run}
 * prepares it) with pgvector's HNSW index. Skipped, saying why, where the database has no pgvector
 * (scripts/install-pgvector.sh installs it, a superuser creates the extension).
 */
@EnabledIfEnvironmentVariable(named = "CASTIEL_DB_URL", matches = ".+")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchServerModeTests {

    private Node node;

    /** Why the tests are skipped, or null. */
    private String missing;

    @BeforeAll
    void start() throws NoSuchAlgorithmException, SQLException {
        String url = System.getenv("CASTIEL_DB_URL");
        try (Connection connection = DriverManager.getConnection(url, System.getenv("CASTIEL_DB_MIGRATION_USER"),
                System.getenv("CASTIEL_DB_MIGRATION_PASSWORD"));
                ResultSet rows = connection.createStatement().executeQuery(
                        "select (select 'created' from pg_extension where extname = 'vector'), (select 'installed' from pg_available_extensions where name = 'vector')")) {
            rows.next();
            if (rows.getString(1) == null) {
                missing = "pgvector is " + (rows.getString(2) == null ? "not installed" : "installed but the extension is not created")
                        + " in " + url + ": server-mode search tests skipped; run scripts/install-pgvector.sh and, as a superuser, "
                        + "`create extension vector` in that database before it is migrated (.ci/run does both)";
                return;
            }
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        node = Node.start("spring.profiles.active=server", "castiel.security.jwt-private-key=" + pem,
                "castiel.security.secret-key=" + Base64.getEncoder().encodeToString(new byte[32]),
                "castiel.rate-limit.key-prefix=castiel-test:" + UUID.randomUUID() + ":");
        if (!node.context.getBean(VectorIndexes.class).current().kind().equals("pgvector")) {
            missing = "the database " + url + " was migrated before pgvector's extension existed (shard_chunks.embedding is real[]): "
                    + "server-mode search tests skipped; recreate it, or see V16__PgvectorIndex";
        }
    }

    @BeforeEach
    void requirePgvector() {
        Assumptions.assumeTrue(missing == null, missing);
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theHnswIndexFindsAParaphraseAndKeepsTenantsAndAclsApart() {
        Api a = node.register().api();
        Api b = node.register().api();
        JsonNode renewal = note(a, "Renewal call", "The customer complained that the new price list is far too expensive.");
        JsonNode warehouse = note(a, "Warehouse", "Logistics moves the Rotterdam warehouse to a bigger site in March.");
        JsonNode own = note(b, "Lunch", "The cafeteria menu changes on Mondays.");
        List.of(renewal, warehouse).forEach(n -> Embeddings.awaitReady(a, n));
        Embeddings.awaitReady(b, own);

        List<String> found = ids(a.post("search", Api.object().put("query", "client unhappy about cost increase").put("mode", "semantic")));
        List<String> foreign = ids(b.post("search", Api.object().put("query", "client unhappy about cost increase").put("mode", "semantic")));
        List<String> similar = ids(a.get("shards/" + renewal.get("id").asString() + "/similar"));

        assertThat(found.get(0)).isEqualTo(renewal.get("id").asString());
        assertThat(foreign).containsExactly(own.get("id").asString());
        assertThat(similar).containsExactly(warehouse.get("id").asString());
    }

    @Test
    void aDeletedShardLeavesSemanticResults() {
        Api api = node.register().api();
        JsonNode note = note(api, "Solar roof", "We install solar panels on the factory roof next spring.");
        Embeddings.awaitReady(api, note);
        String id = note.get("id").asString();
        assertThat(ids(api.post("search", Api.object().put("query", "renewable energy on our building").put("mode", "semantic")))).contains(id);

        assertThat(api.delete("shards/" + id).status()).isEqualTo(204);
        Embeddings.awaitStatus(api, id, "none");

        assertThat(ids(api.post("search", Api.object().put("query", "renewable energy on our building").put("mode", "semantic"))))
                .doesNotContain(id);
    }

    @Test
    void aShardIsRankedByItsClosestSentenceWhileTheHnswGraphHoldsChunksOnly() throws IOException {
        Api tenant = node.register().api();
        Map<String, String> ids = SearchQualityTests.loadCorpus(tenant);

        List<String> hybrid = SearchQualityTests.ids(SearchQualityTests.search(tenant, "hybrid"));

        assertThat(hybrid.subList(0, 5)).contains(ids.get("cont-007"), ids.get("call-002"));
        String index = JdbcClient.create(node.context.getBean(DataSource.class))
                .sql("select indexdef from pg_indexes where indexname = 'shard_chunks_embedding'").query(String.class).single();
        assertThat(index).contains("hnsw").contains("WHERE (sentence_of IS NULL)");
    }

    private static List<String> ids(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("items").forEach(item -> ids.add(item.at("/shard/id").asString()));
        return ids;
    }
}
