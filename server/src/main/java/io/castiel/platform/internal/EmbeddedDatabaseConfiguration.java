package io.castiel.platform.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import io.castiel.platform.CastielProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Embedded mode (the default): starts PostgreSQL from the binaries shipped in the jar, with its
 * data under {@code $CASTIEL_HOME/pgdata}, and sets up the two roles Castiel needs: an owner that
 * runs the migrations and a request role that owns nothing and cannot bypass Row-Level Security.
 * The home is locked for the process's lifetime ({@link HomeLock}); a PostgreSQL that a killed
 * Castiel left running is stopped first ({@link OrphanedPostgres}); all this and the start itself
 * run early, alongside the context's start, where they can ({@link HomeClaim}); the one this process starts is
 * started again if it stops ({@link PostgresSupervisor}) and stopped by a {@link PostgresWatchdog}
 * if this process is killed in its turn.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!server")
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);
    static final String OWNER = "castiel_owner";
    private static final long MIN_FREE_BYTES = 32L * 1024 * 1024;
    private static final long LOW_FREE_BYTES = 512L * 1024 * 1024;

    /** A running embedded server and the credentials of its two roles. */
    record EmbeddedDatabase(EmbeddedPostgres postgres, String database, String appRole, String appPassword,
            String ownerPassword, PostgresSupervisor supervisor, HomeLock lock) implements AutoCloseable {

        String url() {
            return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
        }

        @Override
        public void close() throws IOException {
            stop(postgres, supervisor, lock);
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(CastielProperties properties, ObjectProvider<HomeClaim> claims) throws IOException, SQLException {
        Path home = properties.home().toAbsolutePath();
        // Started early where it could be (see HomeClaim), else now: the same lock, orphan check and start.
        HomeClaim early = claims.getIfAvailable();
        EmbeddedDatabase started = early == null ? null : early.take(home);
        return started != null ? started : HomeClaim.start(properties).take(home);
    }

    /**
     * Starts PostgreSQL on {@code home}, which the caller has locked, and sets up the roles and the
     * database. On failure, what was started is stopped again; the lock stays the caller's.
     */
    static EmbeddedDatabase start(CastielProperties properties, Path home, HomeLock lock) throws IOException, SQLException {
        Path dataDir = home.resolve("pgdata");
        EmbeddedPostgres postgres = null;
        PostgresSupervisor supervisor = null;
        try {
            long started = System.nanoTime();
            if (isEmpty(dataDir)) {
                ClusterTemplate.unpackInto(dataDir, properties);
            }
            postgres = start(properties, home, dataDir);
            supervisor = PostgresSupervisor.start(dataDir, logFile(home));
            String appRole = properties.db().appRole();
            String ownerPassword = secret(home.resolve("db-owner.secret"));
            String appPassword = secret(home.resolve("db-app.secret"));
            try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
                ensureRole(connection, OWNER, ownerPassword, "LOGIN NOSUPERUSER NOCREATEROLE");
                ensureRole(connection, appRole, appPassword, "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS");
                ensureDatabase(connection, properties.db().name());
            }
            try (Connection connection = postgres.getDatabase("postgres", properties.db().name()).getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute(IndexableUnderRls.STATEMENTS);
            }
            log.info("Embedded PostgreSQL on port {} with data in {} ready in {} ms (its log: {})", postgres.getPort(), dataDir,
                    (System.nanoTime() - started) / 1_000_000, logFile(home));
            return new EmbeddedDatabase(postgres, properties.db().name(), appRole, appPassword, ownerPassword, supervisor, lock);
        } catch (IOException | SQLException | RuntimeException e) {
            stop(postgres, supervisor, null);
            throw e;
        }
    }

    /**
     * Stops what was started, in order: no more restarts, then PostgreSQL, its watchdog, and last
     * the home, released only once nothing runs on it any more. A null part was not started (or,
     * for the lock, is not this method's to release).
     */
    private static void stop(EmbeddedPostgres postgres, PostgresSupervisor supervisor, HomeLock lock) throws IOException {
        if (supervisor != null) {
            supervisor.stopSupervising();
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } finally {
            if (supervisor != null) {
                supervisor.close();
            }
            if (lock != null) {
                lock.close();
            }
        }
    }

    private static EmbeddedPostgres start(CastielProperties properties, Path home, Path dataDir) throws IOException {
        Path logFile = logFile(home);
        Files.createDirectories(logFile.getParent());
        rotate(logFile);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // Spring stops the server when the context closes, after everything that uses the
                // DataSource (the event registry, for one, still queries it on shutdown). zonky's own
                // JVM hook would stop it concurrently, in the middle of that.
                .setRegisterShutdownHook(false)
                // PostgreSQL's messages (start, crash recovery, disk full) in a file the README names.
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                // zonky's defaults are for throwaway test databases (fsync off); this one holds the
                // user's data, so it is made crash-safe unless configured otherwise.
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("synchronous_commit", properties.db().synchronousCommit())
                .setServerConfig("max_connections", "100")
                .setServerConfig("listen_addresses", "localhost");
        if (properties.db().embeddedPort() > 0) {
            builder.setPort(properties.db().embeddedPort());
        }
        try {
            return builder.start();
        } catch (IOException | RuntimeException e) {
            throw new HomeUnusableException("The embedded PostgreSQL on " + dataDir + " did not start (" + e.getMessage()
                    + "). Its last messages, from " + logFile + ":\n" + tail(logFile, 15),
                    "Read PostgreSQL's messages above: a full disk, a data directory from another PostgreSQL version, "
                            + "or files not owned by this user are the usual causes.", e);
        }
    }

    private static boolean isEmpty(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    static Path logFile(Path home) {
        return home.resolve("logs").resolve("postgresql.log");
    }

    /** Keeps PostgreSQL's log bounded: past 10 MB at a start, it becomes {@code postgresql.log.1}. */
    private static void rotate(Path logFile) throws IOException {
        if (Files.exists(logFile) && Files.size(logFile) > 10L * 1024 * 1024) {
            Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * A home on a read-only or full file system would let PostgreSQL fail at its first write (or
     * not write its lock file, after zonky's ten seconds of waiting); it is refused at once, with
     * the reason. A full disk is the usual cause: 32 MB is two WAL segments.
     */
    static void requireWritable(Path home) throws IOException {
        try {
            Files.createDirectories(home);
            Path probe = Files.createTempFile(home, ".write-check", null);
            Files.delete(probe);
        } catch (IOException e) {
            throw new HomeUnusableException("CASTIEL_HOME " + home + " is not writable (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "). Castiel keeps its database there.",
                    "Give Castiel a writable directory with CASTIEL_HOME=<dir>, or make this one writable (a read-only mount?).", e);
        }
        long free = Files.getFileStore(home).getUsableSpace();
        if (free < MIN_FREE_BYTES) {
            throw new HomeUnusableException("CASTIEL_HOME " + home + " has only " + free / (1024 * 1024)
                    + " MB free; PostgreSQL needs room for its write-ahead log before it can start.",
                    "Free some space on that file system (the data is intact), then start Castiel again.", null);
        }
        if (free < LOW_FREE_BYTES) {
            log.warn("CASTIEL_HOME {} has only {} MB free: writes will be refused (507) once the disk is full", home,
                    free / (1024 * 1024));
        }
    }

    @Bean
    DatabaseRoles databaseRoles(EmbeddedDatabase database) {
        return new DatabaseRoles(database.appRole());
    }

    @Bean
    JdbcConnectionDetails jdbcConnectionDetails(EmbeddedDatabase database) {
        return new DatabaseLogin(database.url(), database.appRole(), database.appPassword()).forPool();
    }

    @Bean
    FlywayConnectionDetails flywayConnectionDetails(EmbeddedDatabase database) {
        return new DatabaseLogin(database.url(), OWNER, database.ownerPassword()).forMigrations();
    }

    private static void ensureRole(Connection connection, String role, String password, String options) throws SQLException {
        boolean exists;
        try (PreparedStatement query = connection.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            query.setString(1, role);
            try (ResultSet rows = query.executeQuery()) {
                exists = rows.next();
            }
        }
        try (Statement statement = connection.createStatement()) {
            String verb = exists ? "ALTER" : "CREATE";
            statement.execute(verb + " ROLE " + quoteIdent(role) + " WITH " + options + " PASSWORD " + quoteLiteral(password));
        }
    }

    private static void ensureDatabase(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + quoteIdent(name) + " OWNER " + OWNER);
        }
    }

    /** Role passwords are random per installation and kept beside the data, readable by the owner only. */
    private static String secret(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.writeString(file, value);
        OwnerOnlyFiles.restrict(file);
        return value;
    }

    private static String quoteIdent(String identifier) {
        if (!identifier.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Invalid role or database name: " + identifier);
        }
        return identifier;
    }

    private static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
