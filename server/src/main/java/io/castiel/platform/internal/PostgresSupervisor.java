package io.castiel.platform.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * Starts the embedded PostgreSQL again when it exits while Castiel runs. It stops by itself when it
 * cannot write its WAL (a full disk: a PANIC, then a crash recovery that fails for the same reason),
 * or when something kills it; without a supervisor every request would get a 503 until an operator
 * restarted Castiel. Attempts back off from 1 s to 10 s, so a full disk costs a failed start now and
 * then, and service resumes by itself within that delay of space being freed. {@code pg_ctl restart}
 * starts it with the options of its last start (its {@code postmaster.opts}: the same port and
 * settings), so the connection pool finds it where it was. Each new postmaster gets a new
 * {@link PostgresWatchdog}.
 */
final class PostgresSupervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresSupervisor.class);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final Path dataDirectory;
    private final Path logFile;
    private final Path pgCtl;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Optional<PostgresWatchdog> watchdog;
    private volatile long postmaster;

    private PostgresSupervisor(Path dataDirectory, Path logFile, Path pgCtl, long postmaster) {
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
        this.pgCtl = pgCtl;
        this.postmaster = postmaster;
        this.watchdog = PostgresWatchdog.start(dataDirectory, postmaster);
        this.thread = new Thread(this::supervise, "postgres-supervisor");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Supervises the postmaster now running on {@code dataDirectory}. Where its binary cannot be
     * found (the system does not tell a process's command), it is only watched over by the watchdog.
     */
    static PostgresSupervisor start(Path dataDirectory, Path logFile) throws IOException {
        long pid = OrphanedPostgres.PidFile.read(dataDirectory)
                .orElseThrow(() -> new IOException("PostgreSQL started but wrote no postmaster.pid in " + dataDirectory)).pid();
        Path pgCtl = ProcessHandle.of(pid).flatMap(p -> p.info().command())
                .map(command -> Path.of(command).resolveSibling(OrphanedPostgres.isWindows() ? "pg_ctl.exe" : "pg_ctl"))
                .orElse(null);
        if (pgCtl == null) {
            log.warn("Cannot tell where PostgreSQL's binaries are: it will not be started again should it stop while Castiel runs");
        }
        return new PostgresSupervisor(dataDirectory, logFile, pgCtl, pid);
    }

    private void supervise() {
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            sleep(CHECK_INTERVAL);
            if (!running || ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false) || pgCtl == null) {
                continue;
            }
            log.error("The embedded PostgreSQL (pid {}) has stopped; its log says why: {}. Starting it again", postmaster, logFile);
            while (running) {
                if (restart()) {
                    backoff = Duration.ofSeconds(1);
                    break;
                }
                log.error("The embedded PostgreSQL did not start (a full disk? see {}); trying again in {} s", logFile,
                        backoff.toSeconds());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private synchronized boolean restart() {
        if (!running) {
            return false;
        }
        try {
            List<String> command = new ArrayList<>();
            if (LinuxUtils.isUnshareAvailable()) {
                // As zonky starts it: PostgreSQL refuses to run as root, and in a user namespace it is not.
                command.addAll(List.of("unshare", "-U"));
            }
            command.addAll(List.of(pgCtl.toString(), "restart", "-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", "60"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            if (process.waitFor() != 0) {
                return false;
            }
            Optional<OrphanedPostgres.PidFile> pidFile = OrphanedPostgres.PidFile.read(dataDirectory);
            if (pidFile.isEmpty()) {
                return false;
            }
            postmaster = pidFile.get().pid();
            watchdog.ifPresent(PostgresWatchdog::close);
            watchdog = PostgresWatchdog.start(dataDirectory, postmaster);
            log.warn("The embedded PostgreSQL runs again (pid {}, port {})", postmaster, pidFile.get().port());
            return true;
        } catch (IOException e) {
            log.error("Could not run {}: {}", pgCtl, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Before PostgreSQL is stopped on purpose: no restart from here on. */
    synchronized void stopSupervising() {
        running = false;
        thread.interrupt();
    }

    /** After PostgreSQL has stopped: the watchdog has nothing left to guard. */
    @Override
    public void close() {
        stopSupervising();
        watchdog.ifPresent(PostgresWatchdog::close);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            // stopSupervising: the loop ends on its flag
        }
    }
}
