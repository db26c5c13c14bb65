package io.castiel.platform;

import java.time.Duration;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Whether the session behind an access token (its {@code sid} claim, the session family) was
 * revoked: by logout, {@code DELETE /auth/sessions/{id}}, reuse detection, deactivation or a
 * password reset. Access tokens are otherwise self-contained; this check lets a revocation end
 * them too. The answer comes from {@link RevokedSessions} and is cached for a few seconds so that
 * a token's requests do not each cost a query: a revocation on this node applies at once, on
 * other nodes within {@link #FRESHNESS}.
 */
@Component
public class SessionRevocations {

    /** How stale another node's view of a revocation may be. */
    public static final Duration FRESHNESS = Duration.ofSeconds(10);

    private record Family(UUID tenantId, UUID familyId) {
    }

    private final RevokedSessions stored;
    private final Cache<Family, Boolean> states = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(FRESHNESS).build();

    SessionRevocations(RevokedSessions stored) {
        this.stored = stored;
    }

    public boolean isRevoked(UUID tenantId, UUID familyId) {
        Family family = new Family(tenantId, familyId);
        Boolean known = states.getIfPresent(family);
        if (known != null) {
            return known;
        }
        // Not loaded under the cache's lock: while the database is unreachable each of a token's
        // concurrent requests would wait out the pool's timeout after the one before it.
        boolean revoked = stored.isRevoked(tenantId, familyId);
        states.asMap().merge(family, revoked, (cached, loaded) -> cached || loaded);
        return revoked;
    }

    /** Tells this node at once (the database already says so once the revoking transaction commits). */
    public void revoked(UUID tenantId, UUID familyId) {
        states.put(new Family(tenantId, familyId), Boolean.TRUE);
    }
}
