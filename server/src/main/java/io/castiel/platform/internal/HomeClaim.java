package io.castiel.platform.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
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
final class HomeClaim implements DisposableBean {

    private final Path home;
    private final HomeLock lock;
    private final CompletableFuture<Boolean> orphanStopped;
    private boolean taken;

    private HomeClaim(Path home, HomeLock lock, CompletableFuture<Boolean> orphanStopped) {
        this.home = home;
        this.lock = lock;
        this.orphanStopped = orphanStopped;
    }

    /**
     * Locks {@code home} (or throws {@link HomeInUseException}) and starts stopping, on a thread of
     * its own, a PostgreSQL that an earlier process left running on its data directory.
     */
    static HomeClaim start(Path home) throws IOException {
        Path absolute = home.toAbsolutePath();
        HomeLock lock = HomeLock.acquire(absolute);
        Path dataDirectory = absolute.resolve("pgdata");
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
        return new HomeClaim(absolute, lock, stopped);
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

    /** A context closed (or failed) before the database took the lock gives the home back. */
    @Override
    public synchronized void destroy() throws IOException {
        if (!taken) {
            taken = true;
            orphanStopped.exceptionally(e -> false).join();
            lock.close();
        }
    }

    /**
     * Registered in META-INF/spring.factories, so that it runs before the context is refreshed. The
     * claim is registered as a disposable singleton: a context that fails or closes before the
     * database took the lock destroys it, and the home is free again for the next context.
     */
    static final class Listener implements ApplicationListener<ApplicationPreparedEvent> {

        @Override
        public void onApplicationEvent(ApplicationPreparedEvent event) {
            ConfigurableListableBeanFactory beans = event.getApplicationContext().getBeanFactory();
            claim(event.getApplicationContext().getEnvironment()).ifPresent(claim -> {
                beans.registerSingleton("homeClaim", claim);
                if (beans instanceof DefaultSingletonBeanRegistry registry) {
                    registry.registerDisposableBean("homeClaim", claim);
                }
            });
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
                return Optional.of(start(home));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }
}
