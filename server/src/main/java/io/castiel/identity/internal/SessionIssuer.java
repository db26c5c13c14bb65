package io.castiel.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.castiel.platform.CastielProperties;
import io.castiel.platform.Ids;
import io.castiel.platform.RequestOrigin;
import io.castiel.platform.SessionRevocations;

/**
 * Starts and ends refresh-token sessions. Every way in (password, MFA, OIDC, SAML, invitation,
 * tenant switch) ends here, so the session rules live in one place. Call it inside the user's
 * tenant transaction ({@code TenantContext.inTenant}).
 *
 * <p>A session family is one sign-in. It ends absolutely {@code refreshAbsoluteTtl} after the
 * sign-in; each refresh token expires after {@code refreshTokenTtl} of inactivity, but never
 * after the family's end. Its access tokens carry the family id ({@code sid}), so revoking the
 * family ends them too (see {@link SessionRevocations}).
 */
@Component
public class SessionIssuer {

    /** One active session family of a user, as {@code GET /auth/sessions} lists it. */
    public record SessionView(UUID id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String ip, String userAgent,
            boolean current) {
    }

    private final JdbcClient jdbc;
    private final TokenIssuer tokens;
    private final Ids ids;
    private final RequestOrigin origins;
    private final Clock clock;
    private final CastielProperties.Security settings;
    private final SessionRevocations revocations;

    SessionIssuer(JdbcClient jdbc, TokenIssuer tokens, Ids ids, RequestOrigin origins, Clock clock, CastielProperties properties,
            SessionRevocations revocations) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.ids = ids;
        this.origins = origins;
        this.clock = clock;
        this.settings = properties.security();
        this.revocations = revocations;
    }

    /** Signs the user in: a new session family and its first token pair. */
    public TokenPair start(UUID tenantId, UUID userId) {
        return continueFamily(tenantId, userId, ids.next(), clock.instant().plus(settings.refreshAbsoluteTtl()));
    }

    /** The next token pair of an existing session family (refresh): idle timeout renewed, capped by the family's end. */
    TokenPair continueFamily(UUID tenantId, UUID userId, UUID familyId, Instant familyExpiresAt) {
        String refreshToken = tokens.newRefreshToken();
        RequestOrigin.Origin origin = origins.current();
        Instant idleEnd = clock.instant().plus(settings.refreshTokenTtl());
        Instant expiresAt = idleEnd.isBefore(familyExpiresAt) ? idleEnd : familyExpiresAt;
        jdbc.sql("""
                insert into sessions (tenant_id, id, family_id, user_id, token_hash, expires_at, family_expires_at, ip, user_agent)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(tenantId, ids.next(), familyId, userId, TokenIssuer.hash(refreshToken), Timestamp.from(expiresAt),
                        Timestamp.from(familyExpiresAt), origin.ip(), origin.userAgent())
                .update();
        return new TokenPair(tokens.accessToken(userId, tenantId, rolesOf(tenantId, userId), familyId), refreshToken,
                tokens.accessTokenSeconds(), "Bearer", expiresAt);
    }

    public void revokeFamily(UUID tenantId, UUID familyId) {
        jdbc.sql("update sessions set revoked_at = now() where tenant_id = ? and family_id = ? and revoked_at is null")
                .params(tenantId, familyId).update();
        revocations.revoked(tenantId, familyId);
    }

    /** Ends every session of a user (deactivation, password reset). */
    public void revokeAll(UUID tenantId, UUID userId) {
        jdbc.sql("update sessions set revoked_at = now() where tenant_id = ? and user_id = ? and revoked_at is null returning family_id")
                .params(tenantId, userId).query(UUID.class).list().stream().distinct()
                .forEach(familyId -> revocations.revoked(tenantId, familyId));
    }

    /** Ends every session of a user but one (password change: the session that changed it stays). */
    public int revokeAllExcept(UUID tenantId, UUID userId, UUID keptFamilyId) {
        List<UUID> families = jdbc.sql("""
                update sessions set revoked_at = now()
                where tenant_id = ? and user_id = ? and family_id <> ? and revoked_at is null returning family_id""")
                .params(tenantId, userId, keptFamilyId).query(UUID.class).list().stream().distinct().toList();
        families.forEach(familyId -> revocations.revoked(tenantId, familyId));
        return families.size();
    }

    /**
     * The user's active session families, most recently used first: not revoked, with a refresh
     * token that is neither spent nor expired. Its newest token tells when and from where it was last used.
     */
    List<SessionView> active(UUID tenantId, UUID userId, UUID currentFamilyId) {
        return jdbc.sql("""
                select family_id, min(created_at) as created_at, max(created_at) as last_used_at,
                       max(expires_at) filter (where spent_at is null) as expires_at,
                       (array_agg(ip order by created_at desc))[1] as ip,
                       (array_agg(user_agent order by created_at desc))[1] as user_agent
                from sessions
                where tenant_id = ? and user_id = ?
                group by family_id
                having bool_and(revoked_at is null) and max(expires_at) filter (where spent_at is null) > now()
                order by max(created_at) desc
                limit 500""")
                .params(tenantId, userId)
                .query((rs, n) -> {
                    UUID familyId = rs.getObject("family_id", UUID.class);
                    return new SessionView(familyId, rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_used_at").toInstant(),
                            rs.getTimestamp("expires_at").toInstant(), rs.getString("ip"), rs.getString("user_agent"),
                            familyId.equals(currentFamilyId));
                })
                .list();
    }

    /** Revokes one of the user's own active families; false when there is none by that id. */
    boolean revokeOwn(UUID tenantId, UUID userId, UUID familyId) {
        int revoked = jdbc.sql("update sessions set revoked_at = now() where tenant_id = ? and user_id = ? and family_id = ? and revoked_at is null")
                .params(tenantId, userId, familyId).update();
        if (revoked > 0) {
            revocations.revoked(tenantId, familyId);
        }
        return revoked > 0;
    }

    List<String> rolesOf(UUID tenantId, UUID userId) {
        return jdbc.sql("select roles from users where tenant_id = ? and id = ?").params(tenantId, userId)
                .query((rs, n) -> Arrays.asList((String[]) rs.getArray(1).getArray())).single();
    }
}
