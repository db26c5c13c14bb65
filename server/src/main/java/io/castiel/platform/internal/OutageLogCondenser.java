package io.castiel.platform.internal;

import java.util.Map;

import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Libraries that log each failed attempt with its stack trace, which while PostgreSQL is away is
 * the same known cause again and again: db-scheduler logs an ERROR for every failed poll of its
 * table (about every 6 s: the pool's connection timeout plus the polling interval), for heartbeats
 * and for job runs; Spring logs one for every asynchronous event listener the outbox could not
 * even mark as processing and for every rollback that failed on a dead connection; the health
 * indicator for every readiness probe; the pool for every connection it finds broken. Their
 * events whose exception {@link DatabaseFailures} recognises become its one WARN line per burst
 * and place (stack traces at DEBUG); anything else they log is untouched.
 */
@Component
class OutageLogCondenser extends TurboFilter implements InitializingBean, DisposableBean {

    /** Logger name prefix, and the place the condensed warning names. */
    private static final Map<String, String> SOURCES = Map.of(
            "com.github.kagkarlsson.scheduler", "job scheduler",
            "org.springframework.aop.interceptor.SimpleAsyncUncaughtExceptionHandler", "event listener",
            "org.springframework.transaction.interceptor.TransactionInterceptor", "transaction",
            "org.springframework.boot.jdbc.health.DataSourceHealthIndicator", "health check",
            "com.zaxxer.hikari", "connection pool");

    private final DatabaseFailures failures;

    OutageLogCondenser(DatabaseFailures failures) {
        this.failures = failures;
        setName("castiel-database-outages");
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        // Called for every logging call in the process: the cheap tests first.
        if (level == null || !level.isGreaterOrEqual(Level.WARN)) {
            return FilterReply.NEUTRAL;
        }
        Throwable error = t != null ? t : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
        if (error == null) {
            return FilterReply.NEUTRAL;
        }
        String where = source(logger.getName());
        if (where == null) {
            return FilterReply.NEUTRAL;
        }
        return failures.recognise(error, where).isPresent() ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    private static String source(String loggerName) {
        for (Map.Entry<String, String> source : SOURCES.entrySet()) {
            if (loggerName.startsWith(source.getKey())) {
                return source.getValue();
            }
        }
        return null;
    }

    @Override
    public void afterPropertiesSet() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            start();
            context.addTurboFilter(this);
        }
    }

    @Override
    public void destroy() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getTurboFilterList().remove(this);
        }
        stop();
    }
}
