package io.castiel.platform.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the embedded PostgreSQL when this JVM dies without running its shutdown hooks ({@code kill -9},
 * the OOM killer, a JVM crash). PostgreSQL is a daemon of its own (pg_ctl detaches it), and Linux's
 * "die with the parent" signal can only be requested by the child itself, so a small shell process
 * started by the JVM waits for the JVM's pid to disappear and then asks for a fast shutdown. It
 * signals only the postmaster it was given, and only while {@code postmaster.pid} still names it, so
 * it can never stop a PostgreSQL that a later Castiel started on the same home. If the watchdog is
 * killed too, the next start finds the orphan instead ({@link OrphanedPostgres}).
 */
final class PostgresWatchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresWatchdog.class);

    // $1 the JVM's pid, $2 the postmaster's pid, $3 the data directory. SIGINT and SIGHUP are ignored
    // so that a Ctrl-C in the terminal leaves the watchdog to the JVM, which stops it after PostgreSQL.
    private static final String SCRIPT = """
            trap '' INT HUP
            while kill -0 "$1" 2>/dev/null; do sleep 1; done
            if [ "$(head -n 1 "$3/postmaster.pid" 2>/dev/null)" = "$2" ]; then kill -INT "$2"; fi
            """;

    private final Process process;

    private PostgresWatchdog(Process process) {
        this.process = process;
    }

    /** Starts a watchdog for {@code postmaster} on {@code dataDirectory}; none where there is no POSIX shell. */
    static Optional<PostgresWatchdog> start(Path dataDirectory, long postmaster) {
        if (OrphanedPostgres.isWindows()) {
            return Optional.empty();
        }
        try {
            Process process = new ProcessBuilder("/bin/sh", "-c", SCRIPT, "castiel-postgres-watchdog",
                    Long.toString(ProcessHandle.current().pid()), Long.toString(postmaster),
                    dataDirectory.toAbsolutePath().toString())
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return Optional.of(new PostgresWatchdog(process));
        } catch (IOException e) {
            log.warn("Could not start the PostgreSQL watchdog ({}): PostgreSQL will keep running if this process is killed; "
                    + "the next start stops it", e.getMessage());
            return Optional.empty();
        }
    }

    /** After PostgreSQL has stopped: the watchdog has nothing left to guard. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
