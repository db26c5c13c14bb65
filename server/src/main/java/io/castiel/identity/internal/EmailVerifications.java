package io.castiel.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.platform.ApiException;
import io.castiel.platform.Ids;
import io.castiel.platform.MailProperties;
import io.castiel.platform.Mailer;
import io.castiel.platform.TenantContext;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Email verification: a single-use link mailed on registration (and by whoever changes or invites an
 * address: {@link #send}), {@code POST /auth/verify-email}, and the login gate of tenants with
 * {@code emailVerificationRequired}. A token only verifies the address it was sent to.
 */
@Component
public class EmailVerifications {

    /** A refused login mails a fresh link, but not more often than this. */
    private static final Duration RESEND_AFTER = Duration.ofMinutes(5);
    private static final String INVALID = "The verification link is invalid, used or expired";

    private final JdbcClient jdbc;
    private final TenantContext tenants;
    private final AuditLog audit;
    private final OneTimeTokens tokens;
    private final AccountMail mail;
    private final MailProperties links;
    private final CredentialProperties settings;
    private final Ids ids;
    private final Clock clock;

    EmailVerifications(JdbcClient jdbc, TenantContext tenants, AuditLog audit, OneTimeTokens tokens, AccountMail mail, MailProperties links,
            CredentialProperties settings, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.audit = audit;
        this.tokens = tokens;
        this.mail = mail;
        this.links = links;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
    }

    /** Mails a verification link to the user's current address (after the transaction commits). Call it in the tenant's transaction. */
    public void send(UUID tenantId, UUID userId) {
        String email = jdbc.sql("select email from users where tenant_id = ? and id = ?").params(tenantId, userId).query(String.class).single();
        String token = tokens.next("ev_");
        jdbc.sql("""
                insert into user_tokens (tenant_id, id, user_id, purpose, token_hash, email, expires_at)
                values (?, ?, ?, 'email_verification', ?, ?, ?)""")
                .params(tenantId, ids.next(), userId, OneTimeTokens.hash(token), email,
                        Timestamp.from(clock.instant().plus(settings.verificationTokenTtl())))
                .update();
        mail.send(new Mailer.Mail(email, "Verify your email address", """
                Please confirm that this is your email address by opening this link:

                %s

                The link works once and expires in %d hours. If you did not create a Castiel account, ignore this message.
                """.formatted(links.link("/verify-email?token=" + token), settings.verificationTokenTtl().toHours())));
    }

    /** {@code POST /auth/verify-email}. */
    public void verify(String token) {
        String plausible = OneTimeTokens.plausible(token);
        if (plausible == null) {
            throw ApiException.badRequest("token is required", "/token");
        }
        byte[] hash = OneTimeTokens.hash(plausible);
        UUID tenantId = jdbc.sql("select user_token_tenant(?, 'email_verification')").param(hash).query(UUID.class).optional().orElse(null);
        if (tenantId == null) {
            throw ApiException.badRequest(INVALID, "/token");
        }
        tenants.inTenant(tenantId, () -> {
            record Pending(UUID id, UUID userId, boolean sameAddress, Instant expiresAt, Timestamp usedAt) {
            }
            Pending pending = jdbc.sql("""
                    select t.id, t.user_id, lower(t.email) = lower(u.email), t.expires_at, t.used_at
                    from user_tokens t join users u on u.tenant_id = t.tenant_id and u.id = t.user_id
                    where t.tenant_id = ? and t.token_hash = ? and t.purpose = 'email_verification' for update of t""")
                    .params(tenantId, hash)
                    .query((rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBoolean(3),
                            rs.getTimestamp(4).toInstant(), rs.getTimestamp(5)))
                    .optional()
                    .filter(p -> p.usedAt() == null && p.sameAddress() && p.expiresAt().isAfter(clock.instant()))
                    .orElseThrow(() -> ApiException.badRequest(INVALID, "/token"));
            jdbc.sql("update user_tokens set used_at = now() where tenant_id = ? and id = ?").params(tenantId, pending.id()).update();
            jdbc.sql("update users set email_verified_at = coalesce(email_verified_at, now()) where tenant_id = ? and id = ?")
                    .params(tenantId, pending.userId()).update();
            audit.record(AuditEntry.of("user.email_verified", "user", pending.userId(), null).by(pending.userId()));
            return null;
        });
    }

    boolean isVerified(UUID tenantId, UUID userId) {
        return jdbc.sql("select email_verified_at is not null from users where tenant_id = ? and id = ?").params(tenantId, userId)
                .query(Boolean.class).single();
    }

    /** Records a login refused for an unverified address and mails a fresh link unless one just went out. */
    void refuseLogin(UUID tenantId, UUID userId) {
        Instant recent = clock.instant().minus(RESEND_AFTER);
        boolean justSent = jdbc.sql("""
                select exists (select 1 from user_tokens where tenant_id = ? and user_id = ? and purpose = 'email_verification'
                               and created_at > ?)""")
                .params(tenantId, userId, Timestamp.from(recent)).query(Boolean.class).single();
        if (!justSent) {
            send(tenantId, userId);
        }
        audit.record(AuditEntry.of("auth.login_refused", "user", userId, JsonNodeFactory.instance.objectNode()
                .put("reason", "email_not_verified").put("verificationMailed", !justSent)).by(userId));
    }

    static ApiException notVerified() {
        return new ApiException(HttpStatus.FORBIDDEN, "Email not verified",
                "This tenant requires a verified email address; follow the link we emailed you (a new one has been sent if the last is old)");
    }
}
