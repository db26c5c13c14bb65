package io.castiel.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.platform.Actor;
import io.castiel.platform.ApiException;
import io.castiel.platform.Ids;
import io.castiel.platform.MailProperties;
import io.castiel.platform.Mailer;
import io.castiel.platform.RequestOrigin;
import io.castiel.platform.TenantContext;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Forgotten passwords (a single-use, 30-minute link by email), resets and changes.
 *
 * <p>{@code forgot} answers before it even looks the email up: the lookup and the mail happen on
 * the account-mail worker, so the answer and its timing are the same for any address. A reset
 * ends every session of the user but leaves MFA on: the next login still asks for the code.
 */
@Service
public class PasswordLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PasswordLifecycle.class);
    private static final String INVALID = "The reset link is invalid, used or expired; ask for a new one";

    private final JdbcClient jdbc;
    private final TenantContext tenants;
    private final AuditLog audit;
    private final PasswordHasher passwords;
    private final SessionIssuer sessions;
    private final OneTimeTokens tokens;
    private final AccountMail mail;
    private final MailProperties links;
    private final RequestOrigin origins;
    private final CredentialProperties settings;
    private final Ids ids;
    private final Clock clock;

    PasswordLifecycle(JdbcClient jdbc, TenantContext tenants, AuditLog audit, PasswordHasher passwords, SessionIssuer sessions,
            OneTimeTokens tokens, AccountMail mail, MailProperties links, RequestOrigin origins, CredentialProperties settings, Ids ids,
            Clock clock) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.audit = audit;
        this.passwords = passwords;
        this.sessions = sessions;
        this.tokens = tokens;
        this.mail = mail;
        this.links = links;
        this.origins = origins;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
    }

    /** {@code POST /auth/password/forgot}: always accepted; a link goes to each matching active account. */
    public void forgot(String email, String tenantSlug) {
        if (email == null || email.isBlank() || email.length() > 320) {
            throw ApiException.badRequest("email is required", "/email");
        }
        if (tenantSlug != null && tenantSlug.length() > 100) {
            throw ApiException.badRequest("tenant is too long", "/tenant");
        }
        String requestedFrom = origins.current().ip();
        String address = email.trim().toLowerCase(Locale.ROOT);
        mail.later(() -> issueResets(address, tenantSlug, requestedFrom));
    }

    private void issueResets(String email, String tenantSlug, String requestedFrom) {
        record Account(UUID tenantId, String slug, UUID userId) {
        }
        List<Account> accounts = jdbc.sql("select tenant_id, tenant_slug, user_id from password_reset_candidates(?)").param(email)
                .query((rs, n) -> new Account(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class)))
                .list().stream()
                .filter(a -> tenantSlug == null || a.slug().equals(tenantSlug))
                .toList();
        if (accounts.isEmpty()) {
            log.info("Password reset asked for an address with no active account");
        }
        for (Account account : accounts) {
            tenants.inTenant(account.tenantId(), () -> {
                issueReset(account.tenantId(), account.slug(), account.userId(), requestedFrom);
                return null;
            });
        }
    }

    private void issueReset(UUID tenantId, String slug, UUID userId, String requestedFrom) {
        Instant now = clock.instant();
        int lastHour = jdbc.sql("""
                select count(*) from user_tokens
                where tenant_id = ? and user_id = ? and purpose = 'password_reset' and created_at > ?""")
                .params(tenantId, userId, Timestamp.from(now.minus(Duration.ofHours(1)))).query(Integer.class).single();
        if (lastHour >= settings.resetsPerHour()) {
            audit.record(AuditEntry.of("auth.password_reset_throttled", "user", userId,
                    JsonNodeFactory.instance.objectNode().put("requestedFrom", requestedFrom)).by(userId));
            return;
        }
        String email = jdbc.sql("select email from users where tenant_id = ? and id = ?").params(tenantId, userId).query(String.class).single();
        // Only the newest link works: asking again makes earlier ones useless.
        jdbc.sql("update user_tokens set used_at = now() where tenant_id = ? and user_id = ? and purpose = 'password_reset' and used_at is null")
                .params(tenantId, userId).update();
        String token = tokens.next("pr_");
        jdbc.sql("""
                insert into user_tokens (tenant_id, id, user_id, purpose, token_hash, email, expires_at)
                values (?, ?, ?, 'password_reset', ?, ?, ?)""")
                .params(tenantId, ids.next(), userId, OneTimeTokens.hash(token), email, Timestamp.from(now.plus(settings.resetTokenTtl())))
                .update();
        audit.record(AuditEntry.of("auth.password_reset_requested", "user", userId,
                JsonNodeFactory.instance.objectNode().put("requestedFrom", requestedFrom)).by(userId));
        mail.send(new Mailer.Mail(email, "Reset your Castiel password", """
                Someone (hopefully you) asked to reset the password of your account in the Castiel workspace "%s".
                Choose a new password here:

                %s

                The link works once and expires in %d minutes. If you did not ask for it, ignore this message: your password stays as it is.
                """.formatted(slug, links.link("/reset-password?token=" + token), settings.resetTokenTtl().toMinutes())));
    }

    /** {@code POST /auth/password/reset}: sets the password, spends the link, ends every session. */
    public void reset(String token, String newPassword) {
        String plausible = OneTimeTokens.plausible(token);
        if (plausible == null) {
            throw ApiException.badRequest("token is required", "/token");
        }
        PasswordPolicy.check(newPassword, "/password");
        byte[] hash = OneTimeTokens.hash(plausible);
        UUID tenantId = jdbc.sql("select user_token_tenant(?, 'password_reset')").param(hash).query(UUID.class).optional().orElse(null);
        if (tenantId == null) {
            throw ApiException.badRequest(INVALID, "/token");
        }
        String newHash = passwords.hash(newPassword);
        tenants.inTenant(tenantId, () -> {
            record Pending(UUID id, UUID userId, boolean sameAddress, boolean active, Instant expiresAt, Timestamp usedAt) {
            }
            Pending pending = jdbc.sql("""
                    select t.id, t.user_id, lower(t.email) = lower(u.email), u.status = 'active', t.expires_at, t.used_at
                    from user_tokens t join users u on u.tenant_id = t.tenant_id and u.id = t.user_id
                    where t.tenant_id = ? and t.token_hash = ? and t.purpose = 'password_reset' for update of t""")
                    .params(tenantId, hash)
                    .query((rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBoolean(3),
                            rs.getBoolean(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6)))
                    .optional()
                    .filter(p -> p.usedAt() == null && p.sameAddress() && p.active() && p.expiresAt().isAfter(clock.instant()))
                    .orElseThrow(() -> ApiException.badRequest(INVALID, "/token"));
            jdbc.sql("update user_tokens set used_at = now() where tenant_id = ? and id = ?").params(tenantId, pending.id()).update();
            // The link reached the mailbox, which is what a verification proves too.
            jdbc.sql("""
                    update users set password_hash = ?, email_verified_at = coalesce(email_verified_at, now()), updated_at = now()
                    where tenant_id = ? and id = ?""")
                    .params(newHash, tenantId, pending.userId()).update();
            sessions.revokeAll(tenantId, pending.userId());
            audit.record(AuditEntry.of("auth.password_reset", "user", pending.userId(),
                    JsonNodeFactory.instance.objectNode().put("sessionsRevoked", "all")).by(pending.userId()));
            return null;
        });
    }

    /**
     * {@code POST /auth/password/change}: needs the current password; ends the user's other sessions
     * and keeps the caller's ({@code sessionFamily}, from the access token's {@code sid}; when the
     * token has none, every session ends).
     */
    public void change(Actor actor, UUID sessionFamily, String currentPassword, String newPassword) {
        if (actor.apiKeyId() != null) {
            throw ApiException.forbidden("A password belongs to a person; an API key cannot change it");
        }
        if (currentPassword == null || currentPassword.isEmpty()) {
            throw ApiException.badRequest("currentPassword is required", "/currentPassword");
        }
        PasswordPolicy.check(newPassword, "/newPassword");
        UUID tenantId = actor.tenantId();
        UUID userId = actor.userId();
        // Argon2 runs outside any transaction (it takes tens of milliseconds; a pooled connection
        // should not wait on it); the update then only applies to the hash that was checked.
        String oldHash = tenants.inTenant(tenantId, () -> jdbc.sql("""
                select password_hash from users where tenant_id = ? and id = ? and status = 'active'""")
                .params(tenantId, userId).query(String.class).optional()
                .orElseThrow(() -> ApiException.unauthorized("The user no longer exists")));
        if (!passwords.matches(currentPassword, oldHash)) {
            tenants.inTenant(tenantId, () -> {
                audit.record(AuditEntry.of("auth.password_change_failed", "user", userId, null).by(userId));
                return null;
            });
            throw ApiException.badRequest("The current password is incorrect", "/currentPassword");
        }
        String newHash = passwords.hash(newPassword);
        tenants.inTenant(tenantId, () -> {
            int updated = jdbc.sql("""
                    update users set password_hash = ?, updated_at = now()
                    where tenant_id = ? and id = ? and password_hash = ?""")
                    .params(newHash, tenantId, userId, oldHash).update();
            if (updated != 1) {
                throw ApiException.conflict("The password was changed meanwhile; try again");
            }
            // Keep the caller's session family; without one (a token from before sid existed) end them all.
            int revoked = 0;
            if (sessionFamily == null) {
                sessions.revokeAll(tenantId, userId);
            } else {
                revoked = sessions.revokeAllExcept(tenantId, userId, sessionFamily);
            }
            audit.record(AuditEntry.of("auth.password_changed", "user", userId, JsonNodeFactory.instance.objectNode()
                    .put("otherSessionsRevoked", revoked).put("currentSessionKept", sessionFamily != null)).by(userId));
            return null;
        });
    }
}
