package io.castiel.identity.internal;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

import io.castiel.platform.ApiException;

/**
 * Argon2id with configurable cost ({@link Argon2Properties}). Hashing runs on a small pool of
 * platform threads, at most one per core by default: request threads (virtual threads) wait for
 * it without holding a carrier, so a storm of logins queues here while the scheduler keeps giving
 * other requests their share of the CPU. A fixed decoy hash is checked when no account matches,
 * so an unknown email costs the same time as a wrong password.
 */
@Component
class PasswordHasher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PasswordHasher.class);

    private final Argon2PasswordEncoder encoder;
    private final String parameters;
    private final ThreadPoolExecutor hashing;
    private final CompletableFuture<String> decoy;

    PasswordHasher(Argon2Properties properties) {
        this.encoder = new Argon2PasswordEncoder(16, 32, properties.parallelism(), properties.memoryKib(), properties.iterations());
        this.parameters = "m=" + properties.memoryKib() + ",t=" + properties.iterations() + ",p=" + properties.parallelism();
        int threads = properties.threads();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "argon2-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.hashing = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(properties.maxQueued()),
                factory);
        this.hashing.allowCoreThreadTimeOut(true);
        // Made on the pool rather than here: a hash takes the cold JVM of a start a second of CPU.
        this.decoy = CompletableFuture.supplyAsync(() -> encoder.encode("decoy-password-for-timing"), hashing);
        log.info("Passwords: Argon2id {} on at most {} threads", parameters, threads);
    }

    String hash(String password) {
        return run(() -> encoder.encode(password));
    }

    boolean matches(String password, String hash) {
        return hash != null && run(() -> encoder.matches(password, hash));
    }

    void burnDecoy(String password) {
        run(() -> encoder.matches(password, decoy.join()));
    }

    /**
     * After a successful {@link #matches}: a new hash of the password when the stored one was made
     * with other parameters (or another algorithm), to be stored in its place.
     */
    Optional<String> upgrade(String password, String storedHash) {
        return isCurrent(storedHash) ? Optional.empty() : Optional.of(hash(password));
    }

    /** {@code $argon2id$v=19$m=47104,t=2,p=1$salt$hash}: the same variant and parameters as configured. */
    boolean isCurrent(String storedHash) {
        String[] parts = storedHash == null ? new String[0] : storedHash.split("\\$");
        return parts.length == 6 && parts[1].equals("argon2id") && parts[3].equals(parameters);
    }

    /** The most hashes that ever ran at once (for tests and metrics). */
    int largestConcurrency() {
        return hashing.getLargestPoolSize();
    }

    private <T> T run(Callable<T> task) {
        Future<T> future;
        try {
            future = hashing.submit(task);
        } catch (RejectedExecutionException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Busy", "Too many sign-ins are in progress; try again in a few seconds");
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while hashing a password", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void destroy() {
        hashing.shutdownNow();
    }
}
