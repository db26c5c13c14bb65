package io.castiel.platform.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

import io.castiel.platform.CastielProperties;
import io.castiel.platform.internal.EmbeddedDatabaseConfiguration.EmbeddedDatabase;

/**
 * The embedded home and its database, claimed as soon as the environment is ready rather than
 * when the database bean is created, several seconds into the context's start: the home is locked,
 * a PostgreSQL that a killed Castiel left running is stopped, and PostgreSQL is started (after
 * initialising its data directory on a first start), all on a thread of its own while the rest of
 * the context starts. The database bean then takes what is ready, or waits for it.
 * Best effort: where the home cannot be claimed here (it is in use, not writable), nothing is
 * claimed and {@link EmbeddedDatabaseConfiguration} finds and reports the same.
 */
final class HomeClaim implements DisposableBean {

    private final Path home;
    private final CompletableFuture<EmbeddedDatabase> database;
    private boolean taken;

    private HomeClaim(Path home, CompletableFuture<EmbeddedDatabase> database) {
        this.home = home;
        this.database = database;
    }

    /**
     * Locks the home (or throws {@link HomeInUseException}, or {@link HomeUnusableException} when it is
     * not writable) and starts, on a thread of its own, stopping a PostgreSQL that an earlier process
     * left running on its data directory and then starting this process's.
     */
    static HomeClaim start(CastielProperties properties) throws IOException {
        Path home = properties.home().toAbsolutePath();
        EmbeddedDatabaseConfiguration.requireWritable(home);
        HomeLock lock = HomeLock.acquire(home);
        CompletableFuture<EmbeddedDatabase> database = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                OrphanedPostgres.stopIfRunning(home.resolve("pgdata"));
                database.complete(EmbeddedDatabaseConfiguration.start(properties, home, lock));
            } catch (IOException | SQLException | RuntimeException e) {
                try {
                    lock.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
                database.completeExceptionally(e);
            }
        }, "embedded-postgres-start");
        starter.setDaemon(true);
        starter.start();
        return new HomeClaim(home, database);
    }

    /**
     * The database started on {@code forHome}, once it is ready, or its start's failure; null if this
     * claim is for another home or was taken already. The caller owns the database from here.
     */
    synchronized EmbeddedDatabase take(Path forHome) throws IOException, SQLException {
        if (taken || !forHome.toAbsolutePath().equals(home)) {
            return null;
        }
        taken = true;
        try {
            return database.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** A context closed (or failed) before the database bean took the database stops it and gives the home back. */
    @Override
    public synchronized void destroy() throws IOException {
        if (!taken) {
            taken = true;
            EmbeddedDatabase started = database.exceptionally(e -> null).join();
            if (started != null) {
                started.close();
            }
        }
    }

    /**
     * Registered in META-INF/spring.factories, so that it runs before the context is refreshed: the
     * claim starts as soon as the environment is ready (the earliest the settings are known), and is
     * registered with the context once there is one as a disposable singleton, so that a context
     * that fails or closes before the database bean took the database destroys it and the home is
     * free again for the next context. A start that fails before that gives the claim back itself.
     * One listener serves one application run (Boot makes the listeners per SpringApplication).
     */
    static final class Listener implements ApplicationListener<SpringApplicationEvent> {

        private HomeClaim claim;

        @Override
        public void onApplicationEvent(SpringApplicationEvent event) {
            if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
                claim = claim(prepared.getEnvironment()).orElse(null);
            } else if (event instanceof ApplicationPreparedEvent prepared && claim != null) {
                ConfigurableListableBeanFactory beans = prepared.getApplicationContext().getBeanFactory();
                beans.registerSingleton("homeClaim", claim);
                if (beans instanceof DefaultSingletonBeanRegistry registry) {
                    registry.registerDisposableBean("homeClaim", claim);
                }
                claim = null;
            } else if (event instanceof ApplicationFailedEvent && claim != null) {
                try {
                    claim.destroy();
                } catch (IOException e) {
                    // The start failed already; the lock goes with the process at the latest.
                } finally {
                    claim = null;
                }
            }
        }

        private static Optional<HomeClaim> claim(ConfigurableEnvironment environment) {
            if (environment.acceptsProfiles(Profiles.of("server"))) {
                return Optional.empty();
            }
            try {
                return Optional.of(start(Binder.get(environment).bindOrCreate("castiel", CastielProperties.class)));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
    }
}
