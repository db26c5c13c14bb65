package io.castiel.platform.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * The embedded home, claimed as soon as the application is prepared rather than when the database
 * bean is created, several seconds into the context's start: a PostgreSQL that a killed Castiel
 * left running is then stopped (a fast shutdown, a checkpoint: a second or two) while the rest of
 * the context starts, and a restart after {@code kill -9} takes no longer than a normal start.
 * Best effort: where the home cannot be claimed here (it is in use, not writable), nothing is
 * claimed and {@link EmbeddedDatabaseConfiguration} finds and reports the same.
 */
final class HomeClaim {

    private final Path home;
    private final HomeLock lock;
    private final CompletableFuture<Boolean> orphanStopped;
    private boolean taken;

    private HomeClaim(Path home, HomeLock lock, CompletableFuture<Boolean> orphanStopped) {
        this.home = home;
        this.lock = lock;
        this.orphanStopped = orphanStopped;
    }

    /** The lock, once no PostgreSQL of an earlier process runs on the home any more; the caller owns it from here. */
    synchronized HomeLock take(Path forHome) throws IOException {
        if (taken || !forHome.toAbsolutePath().equals(home)) {
            return null;
        }
        taken = true;
        try {
            orphanStopped.join();
            return lock;
        } catch (CompletionException e) {
            lock.close();
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** A start that failed before the database took the lock gives the home back. */
    synchronized void release() throws IOException {
        if (!taken) {
            taken = true;
            orphanStopped.exceptionally(e -> false).join();
            lock.close();
        }
    }

    /** Registered in META-INF/spring.factories, so that it runs before the context is refreshed. */
    static final class Listener implements ApplicationListener<SpringApplicationEvent> {

        @Override
        public void onApplicationEvent(SpringApplicationEvent event) {
            if (event instanceof ApplicationPreparedEvent prepared) {
                claim(prepared.getApplicationContext().getEnvironment())
                        .ifPresent(claim -> prepared.getApplicationContext().getBeanFactory().registerSingleton("homeClaim", claim));
            } else if (event instanceof ApplicationFailedEvent failed && failed.getApplicationContext() != null
                    && failed.getApplicationContext().getBeanFactory().containsSingleton("homeClaim")) {
                try {
                    ((HomeClaim) failed.getApplicationContext().getBeanFactory().getSingleton("homeClaim")).release();
                } catch (IOException | RuntimeException e) {
                    // the process is ending anyway: the operating system releases the lock
                }
            }
        }

        private static Optional<HomeClaim> claim(ConfigurableEnvironment environment) {
            if (environment.acceptsProfiles(Profiles.of("server"))) {
                return Optional.empty();
            }
            Path home = Binder.get(environment).bind("castiel.home", Path.class)
                    .orElseGet(() -> Path.of(System.getProperty("user.home"), ".castiel")).toAbsolutePath();
            try {
                if (!Files.isDirectory(home)) {
                    return Optional.empty(); // a first start: nothing can be left running there
                }
                HomeLock lock = HomeLock.acquire(home);
                Path dataDirectory = home.resolve("pgdata");
                CompletableFuture<Boolean> stopped = new CompletableFuture<>();
                Thread stopper = new Thread(() -> {
                    try {
                        stopped.complete(OrphanedPostgres.stopIfRunning(dataDirectory));
                    } catch (IOException | RuntimeException e) {
                        stopped.completeExceptionally(e);
                    }
                }, "orphaned-postgres-stop");
                stopper.setDaemon(true);
                stopper.start();
                return Optional.of(new HomeClaim(home, lock, stopped));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }
}
