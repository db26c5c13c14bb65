package io.castiel.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.platform.TenantContext;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Brute-force protection for password login, counted in PostgreSQL so that every node enforces
 * the same limits. Two counters per attempt: the account (SHA-256 of the normalised email, kept
 * whether or not the email exists, so an unknown email is throttled exactly like a known one) and
 * the client IP. Too many failures in the window lock the key, for a time that doubles with each
 * lockout. While locked, login answers like a wrong password without checking it; the owners of
 * accounts under that email see {@code auth.locked} and {@code auth.login_failed} (reason
 * {@code locked}) in their audit log. A successful login clears the account's failures (not the
 * IP's: one valid account must not buy an address more guesses at others).
 */
@Component
class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    /** An account the email names in one tenant: where its throttling events are audited. */
    record Account(UUID tenantId, UUID userId) {
    }

    private final JdbcClient jdbc;
    private final TenantContext tenants;
    private final AuditLog audit;
    private final LoginThrottleProperties settings;

    LoginThrottle(JdbcClient jdbc, TenantContext tenants, AuditLog audit, LoginThrottleProperties settings) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.audit = audit;
        this.settings = settings;
    }

    /** Whether the email or the IP is locked now; a locked attempt is audited for the email's accounts. */
    boolean isLocked(String email, String ip, List<Account> accounts) {
        List<String> keys = ip == null ? List.of(accountKey(email)) : List.of(accountKey(email), ipKey(ip));
        Timestamp until = jdbc.sql("select max(locked_until) from login_throttle where key in (:keys) and locked_until > now()")
                .param("keys", keys).query(Timestamp.class).list().stream().filter(t -> t != null).findFirst().orElse(null);
        if (until == null) {
            return false;
        }
        log.info("Login refused: locked until {}", until.toInstant());
        auditEach(accounts, "auth.login_failed", JsonNodeFactory.instance.objectNode().put("reason", "locked")
                .put("lockedUntil", until.toInstant().toString()));
        return true;
    }

    /** Counts a failed attempt against the email and the IP, locking either when it reaches its limit. */
    void failed(String email, String ip, List<Account> accounts) {
        Timestamp accountLock = count(accountKey(email), settings.maxFailures());
        Timestamp ipLock = ip == null ? null : count(ipKey(ip), settings.ipMaxFailures());
        if (accountLock != null || ipLock != null) {
            log.warn("Login locked{}{}", accountLock != null ? " for an account until " + accountLock.toInstant() : "",
                    ipLock != null ? " for IP " + ip + " until " + ipLock.toInstant() : "");
            var changes = JsonNodeFactory.instance.objectNode().put("scope", accountLock != null ? "account" : "ip")
                    .put("lockedUntil", (accountLock != null ? accountLock : ipLock).toInstant().toString());
            auditEach(accounts, "auth.locked", changes);
        }
    }

    /**
     * Deletes counters that are neither locked nor part of a lockout streak still remembered
     * (guessed emails each leave a row). Run by {@link LoginThrottlePurge}, off the login path.
     */
    int purge() {
        return jdbc.sql("""
                delete from login_throttle
                where updated_at < now() - ? * interval '1 second' and (locked_until is null or locked_until < now())""")
                .param(settings.forgetAfter().toSeconds()).update();
    }

    /**
     * A successful login: the account's failures start again from zero. Its lockout streak stays
     * until a quiet period passes, so that an attacker who keeps guessing after the owner signed
     * in still meets growing lockouts.
     */
    void succeeded(String email) {
        jdbc.sql("update login_throttle set failures = 0, window_started_at = now() where key = ? and failures > 0")
                .param(accountKey(email)).update();
    }

    /**
     * One failure in one statement (atomic under concurrent attempts): the window restarts when it
     * has passed, the streak of lockouts is forgotten after a quiet period, and reaching the limit
     * sets {@code locked_until} and starts counting afresh. Returns the new lock's end, or null.
     */
    private Timestamp count(String key, int limit) {
        jdbc.sql("insert into login_throttle (key) values (?) on conflict (key) do nothing").param(key).update();
        return jdbc.sql("""
                with current as (
                    select key,
                           case when window_started_at < now() - :window * interval '1 second' then 1 else failures + 1 end as failures,
                           case when updated_at < now() - :forget * interval '1 second' then 0 else lockouts end as lockouts
                    from login_throttle where key = :key for update
                )
                update login_throttle t set
                    failures = case when c.failures >= :limit then 0 else c.failures end,
                    window_started_at = case when c.failures >= :limit or c.failures = 1 then now() else t.window_started_at end,
                    lockouts = case when c.failures >= :limit then c.lockouts + 1 else c.lockouts end,
                    locked_until = case when c.failures >= :limit
                        then now() + least(:lockout * power(2, least(c.lockouts, 30)), :maxLockout) * interval '1 second'
                        else t.locked_until end,
                    updated_at = now()
                from current c where t.key = c.key
                returning case when c.failures >= :limit then t.locked_until end""")
                .param("window", settings.window().toSeconds())
                .param("forget", settings.forgetAfter().toSeconds())
                .param("limit", limit)
                .param("lockout", settings.lockout().toSeconds())
                .param("maxLockout", settings.maxLockout().toSeconds())
                .param("key", key)
                .query(Timestamp.class).list().stream().filter(t -> t != null).findFirst().orElse(null);
    }

    private void auditEach(List<Account> accounts, String action, tools.jackson.databind.JsonNode changes) {
        for (Account account : accounts) {
            tenants.inTenant(account.tenantId(), () -> {
                audit.record(new AuditEntry(action, "user", account.userId().toString(), changes, null));
                return null;
            });
        }
    }

    static String accountKey(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return "account:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ipKey(String ip) {
        return "ip:" + ip;
    }
}
