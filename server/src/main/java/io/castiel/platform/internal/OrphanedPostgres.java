package io.castiel.platform.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL that an earlier Castiel process started on this data directory and left running
 * because it was killed ({@code kill -9}, the OOM killer) before it could stop it. PostgreSQL's own
 * lock ({@code postmaster.pid}) then keeps a new server from starting. Called only while the
 * {@link HomeLock} is held, that is when no live Castiel owns the home, so stopping it takes
 * nothing from anyone: a fast shutdown rolls back what the dead process left open and writes a
 * checkpoint, so the next start needs no crash recovery.
 */
final class OrphanedPostgres {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostgres.class);
    private static final Duration FAST_SHUTDOWN = Duration.ofSeconds(30);
    private static final Duration IMMEDIATE_SHUTDOWN = Duration.ofSeconds(10);

    /** The first lines of {@code postmaster.pid}: the postmaster's pid, its data directory and port. */
    record PidFile(long pid, Path dataDirectory, int port) {

        static Optional<PidFile> read(Path dataDirectory) throws IOException {
            List<String> lines;
            try {
                lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            } catch (NoSuchFileException none) {
                return Optional.empty();
            }
            if (lines.isEmpty() || !lines.get(0).trim().matches("\\d{1,10}")) {
                // Torn by a crash while it was written: PostgreSQL replaces such a file itself.
                return Optional.empty();
            }
            int port = lines.size() > 3 && lines.get(3).trim().matches("\\d{1,5}") ? Integer.parseInt(lines.get(3).trim()) : -1;
            Path directory = lines.size() > 1 ? Path.of(lines.get(1).trim()) : dataDirectory;
            return Optional.of(new PidFile(Long.parseLong(lines.get(0).trim()), directory, port));
        }
    }

    private OrphanedPostgres() {
    }

    /**
     * Stops the PostgreSQL left running on {@code dataDirectory}, if there is one; returns whether
     * one was stopped. A {@code postmaster.pid} whose process is gone is left to PostgreSQL, which
     * replaces a stale one itself; one whose pid now belongs to an unrelated process (the pid was
     * reused after a reboot) is removed, since PostgreSQL would take that process for its owner.
     */
    static boolean stopIfRunning(Path dataDirectory) throws IOException {
        Optional<PidFile> pidFile = PidFile.read(dataDirectory);
        if (pidFile.isEmpty()) {
            return false;
        }
        long pid = pidFile.get().pid();
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            log.info("{} names pid {}, which is no longer running: PostgreSQL was stopped without a shutdown (a crash or a power loss) "
                    + "and recovers from its write-ahead log on start", dataDirectory.resolve("postmaster.pid"), pid);
            return false;
        }
        if (!isPostgresOn(process.get(), dataDirectory)) {
            log.warn("{} names pid {}, which now belongs to another program ({}); removing the stale lock file",
                    dataDirectory.resolve("postmaster.pid"), pid, process.get().info().command().orElse("unknown"));
            Files.deleteIfExists(dataDirectory.resolve("postmaster.pid"));
            return false;
        }
        long started = System.nanoTime();
        log.warn("PostgreSQL (pid {}, port {}) is still running on {}, left behind by a Castiel process that ended without stopping it "
                + "(killed, or crashed); stopping it (fast shutdown) before starting again", pid, pidFile.get().port(), dataDirectory);
        stop(process.get());
        log.warn("Stopped the PostgreSQL left running on {} in {} ms", dataDirectory, (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    /**
     * Whether {@code process} is a postmaster serving {@code dataDirectory}. Where the system does
     * not tell a process's command (another user's process), it is taken for one: PostgreSQL's own
     * check would refuse to start just the same.
     */
    static boolean isPostgresOn(ProcessHandle process, Path dataDirectory) {
        ProcessHandle.Info info = process.info();
        Optional<String> command = info.command();
        if (command.isEmpty()) {
            return true;
        }
        String name = Path.of(command.get()).getFileName().toString();
        if (!name.equals("postgres") && !name.equals("postgres.exe")) {
            return false;
        }
        String[] arguments = info.arguments().orElse(new String[0]);
        for (int i = 0; i + 1 < arguments.length; i++) {
            if (arguments[i].equals("-D")) {
                return sameFile(Path.of(arguments[i + 1]), dataDirectory);
            }
        }
        return true;
    }

    /**
     * SIGINT is PostgreSQL's fast shutdown (SIGTERM would wait for every client to disconnect).
     * Should it hang, SIGQUIT (immediate: crash recovery on the next start, nothing committed lost),
     * and last SIGKILL. Waits for the postmaster's children too: a new postmaster refuses to start
     * while a backend of the old one still holds its shared memory.
     */
    private static void stop(ProcessHandle postmaster) throws IOException {
        List<ProcessHandle> family = Stream.concat(Stream.of(postmaster), postmaster.descendants()).toList();
        signal(postmaster, "INT");
        if (!awaitExit(family, FAST_SHUTDOWN)) {
            log.warn("PostgreSQL (pid {}) did not finish a fast shutdown within {} s; asking for an immediate one",
                    postmaster.pid(), FAST_SHUTDOWN.toSeconds());
            signal(postmaster, "QUIT");
            if (!awaitExit(family, IMMEDIATE_SHUTDOWN)) {
                family.forEach(ProcessHandle::destroyForcibly);
                if (!awaitExit(family, IMMEDIATE_SHUTDOWN)) {
                    throw new IOException("Could not stop PostgreSQL (pid " + postmaster.pid() + ") left running on this home; "
                            + "stop it by hand (kill " + postmaster.pid() + ") and start Castiel again");
                }
            }
        }
    }

    private static void signal(ProcessHandle process, String signal) throws IOException {
        if (isWindows()) {
            // No signals there: destroy() asks the process to terminate.
            process.destroy();
            return;
        }
        try {
            int status = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            if (status != 0 && process.isAlive()) {
                throw new IOException("Could not signal PostgreSQL (pid " + process.pid() + "): kill exited with " + status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping PostgreSQL", e);
        }
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}
