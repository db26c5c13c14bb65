package io.castiel.identity.internal.sso;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.identity.internal.LoginAnswer;
import io.castiel.identity.internal.MfaChallenge;
import io.castiel.identity.internal.SessionIssuer;
import io.castiel.identity.internal.SignInGate;
import io.castiel.identity.internal.TokenPair;
import io.castiel.platform.ApiException;
import io.castiel.platform.Ids;
import io.castiel.platform.TenantContext;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The end of every SSO login: instead of putting tokens in a redirect URL (where they would land
 * in browser history, logs and Referer headers), the browser is sent back to the app with a
 * one-time code. The app posts it to {@code POST /auth/oauth/token} and gets the token pair. The
 * code is valid 60 seconds, works once and is stored only as a hash; the session starts when it is
 * exchanged.
 */
@Service
public class HandoffCodes {

    static final Duration TTL = Duration.ofSeconds(60);

    private final JdbcClient jdbc;
    private final TenantContext tenants;
    private final SessionIssuer sessions;
    private final SignInGate gate;
    private final AuditLog audit;
    private final Ids ids;
    private final Clock clock;
    private final OneTimeSecrets secrets;

    HandoffCodes(JdbcClient jdbc, TenantContext tenants, SessionIssuer sessions, SignInGate gate, AuditLog audit, Ids ids,
            Clock clock, OneTimeSecrets secrets) {
        this.gate = gate;
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.sessions = sessions;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.secrets = secrets;
    }

    /** A new code for the user; call it in the tenant's transaction. */
    String issue(UUID tenantId, UUID userId, String method) {
        String code = secrets.next();
        jdbc.sql("delete from sso_handoff_codes where tenant_id = ? and expires_at < now() - interval '1 hour'").param(tenantId).update();
        jdbc.sql("""
                insert into sso_handoff_codes (tenant_id, id, code_hash, user_id, method, expires_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(tenantId, ids.next(), OneTimeSecrets.sha256(code), userId, method, Timestamp.from(clock.instant().plus(TTL)))
                .update();
        return code;
    }

    /**
     * Spends a code and signs its user in: the token pair, or, when the user has MFA on or the
     * tenant requires it, the same MFA challenge a password login gets (SSO is one factor).
     * Unknown, expired or spent: 400.
     */
    public LoginAnswer exchange(String code) {
        if (code == null || code.isBlank() || code.length() > 100) {
            throw invalid();
        }
        byte[] hash = OneTimeSecrets.sha256(code);
        UUID tenantId = jdbc.sql("select sso_handoff_tenant(?)").param(hash).query(UUID.class).optional().orElseThrow(HandoffCodes::invalid);
        return tenants.inTenant(tenantId, () -> {
            Instant now = clock.instant();
            record Claimed(UUID userId, String method) {
            }
            Claimed claimed = jdbc.sql("""
                    update sso_handoff_codes c set used_at = ?
                    from users u
                    where c.tenant_id = ? and c.code_hash = ? and c.used_at is null and c.expires_at > ?
                      and u.tenant_id = c.tenant_id and u.id = c.user_id and u.status = 'active'
                    returning c.user_id, c.method""")
                    .params(Timestamp.from(now), tenantId, hash, Timestamp.from(now))
                    .query((rs, n) -> new Claimed(rs.getObject(1, UUID.class), rs.getString(2)))
                    .optional()
                    .orElseThrow(HandoffCodes::invalid);
            audit.record(AuditEntry.of("auth.sso_code_exchanged", "user", claimed.userId(),
                    JsonNodeFactory.instance.objectNode().put("method", claimed.method())).by(claimed.userId()));
            java.util.Optional<MfaChallenge> challenge = gate.afterSingleSignOn(tenantId, claimed.userId());
            if (challenge.isPresent()) {
                return challenge.get();
            }
            return sessions.start(tenantId, claimed.userId());
        });
    }

    private static ApiException invalid() {
        return ApiException.badRequest("The code is unknown, expired or already used", "/code");
    }
}
