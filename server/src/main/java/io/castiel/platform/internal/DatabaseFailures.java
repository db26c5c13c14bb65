package io.castiel.platform.internal;

import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import io.castiel.platform.DatabaseOutages;

/**
 * Tells a database that cannot be reached (PostgreSQL restarting, connections cut, the pool timing
 * out) or has run out of a resource apart from every other failure: the request did not happen
 * and may be retried, so the client gets a 503 with {@code Retry-After} (a 507 for a full disk)
 * rather than a 500, and the log gets one warning per burst rather than a stack trace per request.
 * Only JDBC evidence in the cause chain counts (an SQLSTATE, a connection failure): Redis and the
 * broker throw Spring's resource-failure exceptions too, and their outages are not the database's.
 * A query timeout (57014) is not one: the database answered, that query was too slow.
 */
@Component
class DatabaseFailures implements DatabaseOutages {

    /** What the client is told; {@code retryAfter} is null when waiting a few seconds will not help. */
    record Failure(HttpStatus status, String title, String detail, Duration retryAfter) {

        String retryAfterSeconds() {
            return retryAfter == null ? null : Long.toString(retryAfter.toSeconds());
        }

        /** The answer as a problem, with {@code Retry-After} when there is one. */
        ResponseEntity<ProblemDetail> response() {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
            problem.setTitle(title);
            problem.setType(URI.create(ProblemTypes.of(status)));
            ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
            if (retryAfter != null) {
                answer.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds());
            }
            return answer.body(problem);
        }
    }

    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    static final Failure UNAVAILABLE = new Failure(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable",
            "The database cannot be reached; retry shortly", RETRY_AFTER);
    static final Failure DISK_FULL = new Failure(HttpStatus.INSUFFICIENT_STORAGE, "Insufficient storage",
            "The database is out of disk space; the change was not made", null);
    static final Failure OUT_OF_RESOURCES = new Failure(HttpStatus.SERVICE_UNAVAILABLE, "Database out of resources",
            "The database is out of memory, connections or I/O; nothing was changed; retry shortly", RETRY_AFTER);

    /** A burst of failures is warned about once, then again at most this often while it lasts. */
    private static final long WARN_EVERY_NANOS = Duration.ofSeconds(30).toNanos();

    private static final Logger log = LoggerFactory.getLogger(DatabaseFailures.class);

    /** One burst per place: a request burst must not hide that a background worker is failing too, nor the reverse. */
    private final Map<String, Burst> bursts = new ConcurrentHashMap<>();

    /** When the place last warned, and how many failures it saw since. */
    private record Burst(AtomicLong lastWarned, AtomicLong sinceWarned) {

        Burst() {
            this(new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS), new AtomicLong());
        }
    }

    @Override
    public boolean isOutage(Throwable error) {
        return classify(error).isPresent();
    }

    @Override
    public boolean report(Throwable error, String where) {
        return recognise(error, where).isPresent();
    }

    /** The database failure behind {@code error}, logged (see {@link #log}) as having happened at {@code where}. */
    Optional<Failure> recognise(Throwable error, String where) {
        Optional<Failure> failure = classify(error);
        failure.ifPresent(f -> log(f, error, where));
        return failure;
    }

    /** The database failure behind {@code error}, if that is what it is. */
    Optional<Failure> classify(Throwable error) {
        // The most specific evidence first: an SQLSTATE anywhere in the chain.
        List<Throwable> chain = chain(error);
        for (Throwable cause : chain) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                Failure byState = byState(sql.getSQLState());
                if (byState != null) {
                    return Optional.of(byState);
                }
            }
        }
        for (Throwable cause : chain) {
            if (cause instanceof CannotGetJdbcConnectionException || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException || cause instanceof SQLRecoverableException) {
                return Optional.of(UNAVAILABLE);
            }
        }
        return Optional.empty();
    }

    /**
     * Logs a failure {@link #classify} recognised: a WARN with its cause (no stack trace) at the start
     * of a burst at {@code where} and every 30 s while it lasts, each occurrence at DEBUG with its stack trace.
     */
    private void log(Failure failure, Throwable error, String where) {
        Burst burst = bursts.computeIfAbsent(where, w -> new Burst());
        long now = System.nanoTime();
        long last = burst.lastWarned().get();
        long suppressed = burst.sinceWarned().incrementAndGet() - 1;
        if (now - last >= WARN_EVERY_NANOS && burst.lastWarned().compareAndSet(last, now)) {
            burst.sinceWarned().set(0);
            log.warn("{} ({}): {}{}", failure.title(), where, rootMessage(error),
                    suppressed > 0 ? " (" + suppressed + " more since the last warning)" : "");
        }
        log.debug("{} ({})", failure.title(), where, error);
    }

    private static Failure byState(String state) {
        if (state.startsWith("08")) {
            return UNAVAILABLE; // connection exception
        }
        return switch (state) {
            // admin_shutdown (also pg_terminate_backend), crash_shutdown, cannot_connect_now (starting up)
            case "57P01", "57P02", "57P03" -> UNAVAILABLE;
            case "53100" -> DISK_FULL;
            // out_of_memory, too_many_connections, configuration_limit_exceeded, io_error
            case "53200", "53300", "53400", "58030" -> OUT_OF_RESOURCES;
            default -> null;
        };
    }

    /**
     * The exception and its causes, outermost first (bounded: a cause chain may loop). A rollback
     * that failed on the dead connection hides what failed first, the application exception, which
     * is not its cause: it follows the rollback's own chain, and so do the exceptions suppressed by one.
     */
    private static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = error; cause != null && chain.size() < 32 && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        for (Throwable cause : List.copyOf(chain)) {
            if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
                chain.addAll(chain(rollback.getApplicationException()));
            }
            // Libraries without Spring's wrapper (db-scheduler) add the first failure as suppressed to the failed rollback.
            for (Throwable suppressed : cause.getSuppressed()) {
                if (chain.size() < 64 && !chain.contains(suppressed)) {
                    chain.addAll(chain(suppressed));
                }
            }
        }
        return chain;
    }

    private static String rootMessage(Throwable error) {
        List<Throwable> chain = chain(error);
        Throwable root = chain.get(chain.size() - 1);
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
