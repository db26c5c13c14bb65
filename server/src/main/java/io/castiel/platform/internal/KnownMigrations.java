package io.castiel.platform.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The migrations this build carries, as the build's own Flyway applied them to the database
 * template (version, checksum, script: written by {@link ClusterTemplate}), so that a start on a
 * database whose history holds exactly these, and nothing failed, skips making Flyway at all (one
 * of the costlier steps of a start) for one query. Where the list is missing, the class path holds
 * other migrations than it names, or the history differs in any way, Flyway runs as always: it
 * validates, migrates, and reports what is wrong.
 */
final class KnownMigrations {

    static final String RESOURCE = "castiel/migrations.list";

    private static final Logger log = LoggerFactory.getLogger(KnownMigrations.class);

    private KnownMigrations() {
    }

    /** Whether the database behind {@code owner} has applied exactly the build's migrations, which are those on the class path. */
    static boolean allApplied(FlywayConnectionDetails owner, List<JavaMigration> javaMigrations) {
        try {
            List<String> known = known();
            if (known == null || !onClassPath(javaMigrations).equals(scripts(known))) {
                return false;
            }
            return known.equals(applied(owner));
        } catch (IOException | SQLException e) {
            log.debug("Flyway decides: the applied migrations could not be compared ({})", e.getMessage());
            return false;
        }
    }

    private static List<String> known() throws IOException {
        try (InputStream list = KnownMigrations.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            return list == null ? null : new String(list.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static Set<String> scripts(List<String> lines) {
        Set<String> scripts = new HashSet<>();
        for (String line : lines) {
            scripts.add(line.substring(line.lastIndexOf('|') + 1));
        }
        return scripts;
    }

    /** SQL migrations by file name, Java ones by class name: how Flyway's history names them. */
    private static Set<String> onClassPath(List<JavaMigration> javaMigrations) throws IOException {
        Set<String> scripts = new HashSet<>();
        for (Resource script : new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/*.sql")) {
            scripts.add(script.getFilename());
        }
        javaMigrations.forEach(migration -> scripts.add(migration.getClass().getName()));
        return scripts;
    }

    /** The history as {@link #line} writes it; any failed migration makes it differ from every list. */
    private static List<String> applied(FlywayConnectionDetails owner) throws SQLException {
        List<String> applied = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(owner.getJdbcUrl(), owner.getUsername(), owner.getPassword());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        select version, checksum, script, success from flyway_schema_history
                        where version is not null order by installed_rank""")) {
            while (rows.next()) {
                Object checksum = rows.getObject(2);
                applied.add((rows.getBoolean(4) ? "" : "FAILED ") + line(rows.getString(1), checksum == null ? null : ((Number) checksum).intValue(),
                        rows.getString(3)));
            }
        }
        return applied;
    }

    private static String line(String version, Integer checksum, String script) {
        return version + "|" + (checksum == null ? "" : checksum) + "|" + script;
    }

    /** Build time: the migrations Flyway applied to the template, in order. */
    static void write(MigrationInfo[] applied, Path file) throws IOException {
        List<String> lines = Arrays.stream(applied).filter(migration -> migration.getVersion() != null)
                .map(migration -> line(migration.getVersion().getVersion(), migration.getChecksum(), migration.getScript())).toList();
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
