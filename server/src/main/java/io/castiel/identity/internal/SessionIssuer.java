package io.castiel.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.castiel.platform.CastielProperties;
import io.castiel.platform.Ids;
import io.castiel.platform.RequestOrigin;

/**
 * Starts and ends refresh-token sessions. Every way in (password, MFA, OIDC, SAML, invitation,
 * tenant switch) ends here, so the session rules live in one place. Call it inside the user's
 * tenant transaction ({@code TenantContext.inTenant}).
 */
@Component
public class SessionIssuer {

    private final JdbcClient jdbc;
    private final TokenIssuer tokens;
    private final Ids ids;
    private final RequestOrigin origins;
    private final Clock clock;
    private final CastielProperties.Security settings;

    SessionIssuer(JdbcClient jdbc, TokenIssuer tokens, Ids ids, RequestOrigin origins, Clock clock, CastielProperties properties) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.ids = ids;
        this.origins = origins;
        this.clock = clock;
        this.settings = properties.security();
    }

    /** Signs the user in: a new session family and its first token pair. */
    public TokenPair start(UUID tenantId, UUID userId) {
        return continueFamily(tenantId, userId, ids.next());
    }

    /** The next token pair of an existing session family (refresh). */
    TokenPair continueFamily(UUID tenantId, UUID userId, UUID familyId) {
        String refreshToken = tokens.newRefreshToken();
        RequestOrigin.Origin origin = origins.current();
        jdbc.sql("""
                insert into sessions (tenant_id, id, family_id, user_id, token_hash, expires_at, ip, user_agent)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(tenantId, ids.next(), familyId, userId, TokenIssuer.hash(refreshToken),
                        Timestamp.from(clock.instant().plus(settings.refreshTokenTtl())), origin.ip(), origin.userAgent())
                .update();
        return new TokenPair(tokens.accessToken(userId, tenantId, rolesOf(tenantId, userId)), refreshToken,
                tokens.accessTokenSeconds(), "Bearer");
    }

    public void revokeFamily(UUID tenantId, UUID familyId) {
        jdbc.sql("update sessions set revoked_at = now() where tenant_id = ? and family_id = ? and revoked_at is null")
                .params(tenantId, familyId).update();
    }

    /** Ends every session of a user (deactivation, password reset). */
    public void revokeAll(UUID tenantId, UUID userId) {
        jdbc.sql("update sessions set revoked_at = now() where tenant_id = ? and user_id = ? and revoked_at is null")
                .params(tenantId, userId).update();
    }

    List<String> rolesOf(UUID tenantId, UUID userId) {
        return jdbc.sql("select roles from users where tenant_id = ? and id = ?").params(tenantId, userId)
                .query((rs, n) -> Arrays.asList((String[]) rs.getArray(1).getArray())).single();
    }
}
