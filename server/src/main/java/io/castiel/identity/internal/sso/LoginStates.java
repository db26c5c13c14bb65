package io.castiel.identity.internal.sso;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.castiel.platform.ApiException;
import io.castiel.platform.Ids;
import io.castiel.platform.TenantContext;

/**
 * Logins in flight, kept in PostgreSQL (so any node can finish a login another node started):
 * the OAuth {@code state} / SAML {@code RelayState} is a random value stored only as a hash, valid
 * 10 minutes and consumed by its first use, whatever the outcome of that use.
 */
@Component
class LoginStates {

    static final Duration TTL = Duration.ofMinutes(10);

    /** What the callback needs to finish a login. */
    record Pending(UUID tenantId, String protocol, String provider, String nonce, String codeVerifier, String requestId,
            String redirectUri, byte[] browserHash) {
    }

    private final JdbcClient jdbc;
    private final TenantContext tenants;
    private final Ids ids;
    private final Clock clock;
    private final OneTimeSecrets secrets;

    LoginStates(JdbcClient jdbc, TenantContext tenants, Ids ids, Clock clock, OneTimeSecrets secrets) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.ids = ids;
        this.clock = clock;
        this.secrets = secrets;
    }

    /** Stores a pending login and answers its state value (the only copy of it). */
    String begin(Pending pending) {
        String state = secrets.next();
        tenants.inTenant(pending.tenantId(), () -> {
            // Expired states of the tenant are useless: drop them while we are here.
            jdbc.sql("delete from sso_states where tenant_id = ? and expires_at < now() - interval '1 hour'")
                    .param(pending.tenantId()).update();
            return jdbc.sql("""
                    insert into sso_states (tenant_id, id, state_hash, protocol, provider, nonce, code_verifier, request_id,
                                            redirect_uri, browser_hash, expires_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(pending.tenantId(), ids.next(), OneTimeSecrets.sha256(state), pending.protocol(), pending.provider(),
                            pending.nonce(), pending.codeVerifier(), pending.requestId(), pending.redirectUri(), pending.browserHash(),
                            Timestamp.from(clock.instant().plus(TTL)))
                    .update();
        });
        return state;
    }

    /**
     * Consumes a state in its own transaction: unknown, expired, already used or of another flow
     * is a 400.
     */
    Pending consume(String state, String provider) {
        if (state == null || state.isBlank() || state.length() > 100) {
            throw invalid();
        }
        byte[] hash = OneTimeSecrets.sha256(state);
        UUID tenantId = jdbc.sql("select sso_state_tenant(?)").param(hash).query(UUID.class).optional().orElseThrow(LoginStates::invalid);
        return tenants.inTenant(tenantId, () -> claim("state_hash = ?", tenantId, hash))
                .filter(p -> !"saml".equals(p.protocol()) && p.provider().equals(provider))
                .orElseThrow(LoginStates::invalid);
    }

    /** Consumes the pending SAML login whose AuthnRequest had this id (the response's InResponseTo). */
    Optional<Pending> consumeSamlRequest(UUID tenantId, String requestId) {
        return tenants.inTenant(tenantId, () -> claim("protocol = 'saml' and request_id = ?", tenantId, requestId));
    }

    private Optional<Pending> claim(String condition, UUID tenantId, Object key) {
        Instant now = clock.instant();
        return jdbc.sql("""
                update sso_states set used_at = ?
                where tenant_id = ? and %s and used_at is null and expires_at > ?
                returning tenant_id, protocol, provider, nonce, code_verifier, request_id, redirect_uri, browser_hash""".formatted(condition))
                .params(Timestamp.from(now), tenantId, key, Timestamp.from(now))
                .query((rs, n) -> new Pending(rs.getObject("tenant_id", UUID.class), rs.getString("protocol"), rs.getString("provider"),
                        rs.getString("nonce"), rs.getString("code_verifier"), rs.getString("request_id"), rs.getString("redirect_uri"),
                        rs.getBytes("browser_hash")))
                .optional();
    }

    private static ApiException invalid() {
        return ApiException.badRequest("The login state is unknown, expired or already used; start the login again", "/state");
    }
}
