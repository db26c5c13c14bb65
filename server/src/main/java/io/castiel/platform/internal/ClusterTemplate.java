package io.castiel.platform.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AssignableTypeFilter;

import io.castiel.platform.CastielProperties;
import io.castiel.platform.internal.EmbeddedDatabaseConfiguration.EmbeddedDatabase;

/**
 * The embedded database as a first start would make it (initdb, Castiel's roles and database, every
 * migration), made once by the build and shipped in the jar: a fresh home's data directory is
 * unpacked from it, which costs a fraction of running initdb and the migrations on the first start.
 * It is used only where it is exactly what that first start would have made: the same operating
 * system and processor, the same locale settings (initdb takes them from the environment), the same
 * role and database names. Anywhere else the first start initialises as it always did. The roles'
 * passwords in it are throwaway ones: every start sets the home's own (see
 * {@link EmbeddedDatabaseConfiguration}), so no two installations share a password.
 */
final class ClusterTemplate {

    static final String RESOURCE = "castiel/pgdata-template.tar.gz";

    private static final Logger log = LoggerFactory.getLogger(ClusterTemplate.class);
    private static final String MANIFEST = "template.properties";
    private static final String DATA = "pgdata/";
    private static final int FLUSHERS = 32;
    /** What initdb reads from the environment, and writes into the new cluster. */
    private static final List<String> LOCALE_CATEGORIES = List.of("LC_COLLATE", "LC_CTYPE", "LC_MESSAGES", "LC_MONETARY",
            "LC_NUMERIC", "LC_TIME");
    /** Files of a running or once-started server that a new data directory must not carry. */
    private static final List<String> LEFT_OUT = List.of("postmaster.pid", "postmaster.opts", "epg-lock");

    private ClusterTemplate() {
    }

    /**
     * Unpacks the jar's template as {@code dataDir} where there is one and it applies here; false if
     * not, and the caller initialises the data directory itself. A half-unpacked template (a crash
     * during a first start) never becomes a data directory: it is unpacked beside it and renamed.
     */
    static boolean unpackInto(Path dataDir, CastielProperties properties) throws IOException {
        for (Path leftover : unpackingDirectories(dataDir)) {
            deleteRecursively(leftover);
        }
        ClassLoader loader = ClusterTemplate.class.getClassLoader();
        try (InputStream template = loader.getResourceAsStream(RESOURCE)) {
            if (template == null) {
                return false;
            }
            long started = System.nanoTime();
            Path staging = Files.createTempDirectory(dataDir.getParent(), dataDir.getFileName() + ".unpacking.");
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new GZIPInputStream(new BufferedInputStream(template, 1 << 16), 1 << 16))) {
                TarArchiveEntry first = tar.getNextEntry();
                if (first == null || !first.getName().equals(MANIFEST)) {
                    throw new IOException(RESOURCE + " does not start with its " + MANIFEST);
                }
                Properties manifest = new Properties();
                manifest.load(tar);
                String mismatch = mismatch(manifest, here(properties));
                if (mismatch != null) {
                    log.info("The build's database template does not apply here ({}): initialising the database", mismatch);
                    deleteRecursively(staging);
                    return false;
                }
                unpack(tar, staging);
            }
            Path unpacked = staging.resolve(DATA);
            Files.setPosixFilePermissions(unpacked, PosixFilePermissions.fromString("rwx------"));
            Files.deleteIfExists(dataDir);
            Files.move(unpacked, dataDir, StandardCopyOption.ATOMIC_MOVE);
            force(dataDir.getParent());
            deleteRecursively(staging);
            log.info("Database data directory {} made from the build's template in {} ms", dataDir,
                    (System.nanoTime() - started) / 1_000_000);
            return true;
        }
    }

    private static List<Path> unpackingDirectories(Path dataDir) throws IOException {
        try (Stream<Path> siblings = Files.list(dataDir.getParent())) {
            return siblings.filter(p -> p.getFileName().toString().startsWith(dataDir.getFileName() + ".unpacking.")).toList();
        }
    }

    /**
     * Writes the files, then flushes them to disk before the rename makes them a data directory. The
     * 1,500 files are flushed many at a time: one after the other, each fsync waits for its own
     * journal commit and the whole takes seconds; together they share commits (initdb gets the same
     * by starting every file's write-back before the first fsync).
     */
    private static void unpack(TarArchiveInputStream tar, Path staging) throws IOException {
        List<Path> written = new ArrayList<>();
        for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
            Path target = staging.resolve(entry.getName()).normalize();
            if (!target.startsWith(staging.resolve(DATA))) {
                throw new IOException("Unexpected entry in " + RESOURCE + ": " + entry.getName());
            }
            if (entry.isDirectory()) {
                Files.createDirectories(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(target.getParent());
                try (FileChannel file = FileChannel.open(target, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                    file.transferFrom(Channels.newChannel(tar), 0, entry.getSize());
                }
            }
            written.add(target);
        }
        ExecutorService flushers = Executors.newFixedThreadPool(FLUSHERS);
        try {
            List<Future<?>> flushes = written.stream().map(path -> flushers.submit(() -> force(path))).collect(Collectors.toList());
            for (Future<?> flush : flushes) {
                flush.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UncheckedIOException io ? io.getCause() : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while flushing the unpacked database template");
        } finally {
            flushers.shutdownNow();
        }
    }

    private static void force(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first difference between the template's making and this process, or null if there is none. */
    private static String mismatch(Properties template, Map<String, String> here) {
        for (Map.Entry<String, String> setting : here.entrySet()) {
            if (!Objects.equals(template.getProperty(setting.getKey()), setting.getValue())) {
                return setting.getKey() + " is " + setting.getValue() + " here, " + template.getProperty(setting.getKey())
                        + " in the template";
            }
        }
        return null;
    }

    /** What a first start here would put into a new cluster that is not the same everywhere. */
    private static Map<String, String> here(CastielProperties properties) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("os.name", System.getProperty("os.name"));
        settings.put("os.arch", System.getProperty("os.arch"));
        for (String category : LOCALE_CATEGORIES) {
            settings.put(category, environmentLocale(category));
        }
        settings.put("db.appRole", properties.db().appRole());
        settings.put("db.name", properties.db().name());
        return settings;
    }

    /** The locale initdb picks for a category, as setlocale(category, "") does. */
    private static String environmentLocale(String category) {
        for (String variable : List.of("LC_ALL", category, "LANG")) {
            String value = System.getenv(variable);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return "C";
    }

    /**
     * Build time: makes the template at {@code args[0]} from the migrations on the class path, unless
     * the one there was made from the same migrations. Run by Maven after compiling (see the pom).
     */
    public static void main(String[] args) throws Exception {
        LoggingSystem logging = LoggingSystem.get(ClusterTemplate.class.getClassLoader());
        logging.beforeInitialize();
        logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
        logging.setLogLevel(ClusterTemplate.class.getName(), LogLevel.INFO);
        Path output = Path.of(args[0]).toAbsolutePath();
        Path knownMigrations = output.resolveSibling(Path.of(KnownMigrations.RESOURCE).getFileName());
        String migrations = migrationsDigest();
        if (Files.exists(output) && Files.exists(knownMigrations) && migrations.equals(manifestOf(output).getProperty("migrations"))) {
            log.info("Database template {} is up to date", output);
            return;
        }
        // The stale template is on this process's classpath: the new one must not start from it.
        Files.deleteIfExists(output);
        Files.deleteIfExists(knownMigrations);
        Path home = Files.createTempDirectory("castiel-template.");
        try {
            CastielProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("castiel.home", home.toString())))
                    .bindOrCreate("castiel", CastielProperties.class);
            Files.createDirectories(output.getParent());
            try (EmbeddedDatabase database = HomeClaim.start(properties).take(home)) {
                Flyway flyway = Flyway.configure()
                        .dataSource(database.url(), EmbeddedDatabaseConfiguration.OWNER, database.ownerPassword())
                        .locations("classpath:db/migration")
                        .placeholders(Map.of("app_role", database.appRole()))
                        .javaMigrations(javaMigrations().toArray(JavaMigration[]::new))
                        .load();
                flyway.migrate();
                KnownMigrations.write(flyway.info().applied(), knownMigrations);
            }
            Properties manifest = new Properties();
            here(properties).forEach(manifest::setProperty);
            manifest.setProperty("migrations", migrations);
            Path partial = Files.createTempFile(output.getParent(), output.getFileName().toString(), ".partial");
            pack(home.resolve("pgdata"), manifest, partial);
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.info("Database template written to {} ({} KB)", output, Files.size(output) / 1024);
        } finally {
            deleteRecursively(home);
        }
    }

    private static void pack(Path dataDir, Properties manifest, Path output) throws IOException {
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file, 1 << 16));
                Stream<Path> paths = Files.walk(dataDir)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            manifest.store(text, "The build's embedded database template: where it applies (see ClusterTemplate)");
            TarArchiveEntry header = new TarArchiveEntry(MANIFEST);
            header.setSize(text.size());
            tar.putArchiveEntry(header);
            tar.write(text.toByteArray());
            tar.closeArchiveEntry();
            for (Path path : paths.sorted().toList()) {
                String name = DATA + dataDir.relativize(path).toString().replace('\\', '/');
                if (LEFT_OUT.contains(path.getFileName().toString())) {
                    continue;
                }
                TarArchiveEntry entry = new TarArchiveEntry(path.toFile(), Files.isDirectory(path) && !name.endsWith("/") ? name + "/" : name);
                tar.putArchiveEntry(entry);
                if (Files.isRegularFile(path)) {
                    Files.copy(path, tar);
                }
                tar.closeArchiveEntry();
            }
        }
    }

    private static Properties manifestOf(Path template) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(template)))) {
            Properties manifest = new Properties();
            TarArchiveEntry first = tar.getNextEntry();
            if (first != null && first.getName().equals(MANIFEST)) {
                manifest.load(tar);
            }
            return manifest;
        }
    }

    /** The SQL migrations' names and contents and the Java migrations' names: what the template was migrated with. */
    private static String migrationsDigest() throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Resource[] scripts = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/*.sql");
        Arrays.sort(scripts, Comparator.comparing(Resource::getFilename));
        for (Resource script : scripts) {
            digest.update(script.getFilename().getBytes(StandardCharsets.UTF_8));
            try (InputStream content = script.getInputStream()) {
                digest.update(content.readAllBytes());
            }
        }
        for (JavaMigration migration : javaMigrations()) {
            digest.update(migration.getClass().getName().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The Java migrations, which the running application gets as beans (Boot hands them to Flyway). */
    private static List<JavaMigration> javaMigrations() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(JavaMigration.class));
        List<JavaMigration> migrations = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.castiel")) {
            try {
                migrations.add((JavaMigration) Class.forName(candidate.getBeanClassName()).getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot make the Java migration " + candidate.getBeanClassName(), e);
            }
        }
        migrations.sort(Comparator.comparing(m -> m.getClass().getName()));
        return migrations;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
