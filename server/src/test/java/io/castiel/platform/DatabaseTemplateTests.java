package io.castiel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.castiel.platform.internal.EmbeddedSuperuser;
import io.castiel.support.Api;
import io.castiel.support.Node;
import io.castiel.support.TestTenant;

/**
 * A fresh home's database is unpacked from the template the build made (initdb, roles, database,
 * every migration) where that template is what a first start here would make, and is initialised
 * as before where it is not; either way the home works and holds the same schema.
 */
class DatabaseTemplateTests {

    @TempDir
    Path first;

    @TempDir
    Path second;

    @TempDir
    Path otherRole;

    @Test
    void freshHomesStartFromTheBuildsTemplateWhereItApplies() throws Exception {
        long templateCluster;
        List<String> templateSchema;
        try (Node node = Node.startIn(first)) {
            storesAShard(node);
            templateCluster = clusterId(node);
            templateSchema = schema(node);
        }
        try (Node node = Node.startIn(second)) {
            storesAShard(node);
            assertThat(clusterId(node)).as("both homes' clusters are copies of the template").isEqualTo(templateCluster);
        }
        assertThat(Files.readString(second.resolve("db-app.secret")))
                .as("each home sets its own role passwords").isNotEqualTo(Files.readString(first.resolve("db-app.secret")));

        // The template was made for the default request role: a home with another runs initdb and the migrations.
        try (Node node = Node.startIn(otherRole, "castiel.db.app-role=castiel_other_app")) {
            storesAShard(node);
            assertThat(clusterId(node)).as("a cluster of its own").isNotEqualTo(templateCluster);
            assertThat(schema(node)).as("the template holds what the migrations make").isEqualTo(templateSchema);
        }
    }

    @Test
    void aHalfUnpackedTemplateIsDiscarded(@TempDir Path home) throws Exception {
        Path leftover = home.resolve("pgdata.unpacking.12345").resolve("pgdata");
        Files.createDirectories(leftover.resolve("base"));
        Files.writeString(leftover.resolve("PG_VERSION"), "17\n");

        try (Node node = Node.startIn(home)) {
            storesAShard(node);
        }
        assertThat(home.resolve("pgdata.unpacking.12345")).doesNotExist();
        assertThat(home.resolve("pgdata").resolve("PG_VERSION")).exists();
    }

    private static void storesAShard(Node node) {
        Api api = node.api();
        String token = api.post("auth/register", Api.object().put("tenantName", "Template " + UUID.randomUUID())
                .put("email", UUID.randomUUID() + "@example.test").put("password", TestTenant.PASSWORD).put("name", "T"))
                .json().get("accessToken").asString();
        Api.Response created = api.withToken(token).post("shards", Api.object().put("shardType", "c_note")
                .set("structuredData", Api.object().put("title", "Stored")));
        assertThat(created.status()).isEqualTo(201);
    }

    private static long clusterId(Node node) {
        return superuser(node).sql("select system_identifier from pg_control_system()").query(Long.class).single();
    }

    /** Tables and columns, indexes, policies and functions of the schema, without the role names grants carry. */
    private static List<String> schema(Node node) {
        JdbcClient sql = superuser(node);
        List<String> schema = new java.util.ArrayList<>();
        schema.addAll(sql.sql("""
                select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
                from information_schema.columns where table_schema = 'public' order by table_name, column_name""")
                .query(String.class).list());
        schema.addAll(sql.sql("select indexdef from pg_indexes where schemaname = 'public' order by indexname").query(String.class).list());
        schema.addAll(sql.sql("""
                select tablename || ' ' || policyname || ' ' || cmd || ' ' || coalesce(qual, '') || ' ' || coalesce(with_check, '')
                from pg_policies where schemaname = 'public' order by tablename, policyname""").query(String.class).list());
        schema.addAll(sql.sql("""
                select proname || ' ' || md5(prosrc) from pg_proc where pronamespace = 'public'::regnamespace order by proname, md5(prosrc)""")
                .query(String.class).list());
        schema.addAll(sql.sql("select version || ' ' || coalesce(checksum, 0) || ' ' || success from flyway_schema_history order by installed_rank")
                .query(String.class).list());
        return schema;
    }

    private static JdbcClient superuser(Node node) {
        return JdbcClient.create(EmbeddedSuperuser.dataSource(node.context));
    }
}
