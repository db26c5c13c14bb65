package io.castiel.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.platform.Actor;
import io.castiel.platform.ApiKeyAuthenticator;
import io.castiel.platform.DatabaseOutages;
import io.castiel.platform.Role;
import io.castiel.platform.TenantContext;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Authenticates API keys for the security filter chain. The key's SHA-256 is looked up before
 * any tenant is known, through the SECURITY DEFINER function {@code api_key_lookup}; a key is
 * usable when it is not revoked or expired and its creator is active (a known key refused for one
 * of these reasons is audited in its tenant as {@code auth.api_key_refused}). Usable keys are remembered
 * for {@code castiel.api-keys.cache-ttl}; revoking a key, or changing, deactivating or removing
 * its creator, evicts it on this node at once. {@code lastUsedAt} is written at most once per
 * {@code last-used-interval} per key, so a busy key does not turn every read into a write; when
 * the database cannot be reached that write ends the request with the 503 it would get anyway,
 * rather than after a second connection timeout.
 */
@Component
public class ApiKeyVerifier implements ApiKeyAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyVerifier.class);

    /** {@code ck_} and 32 random bytes in unpadded base64url. */
    static final int KEY_LENGTH = PREFIX.length() + 43;

    private record Verified(UUID tenantId, UUID keyId, UUID userId, Role role, Instant expiresAt, boolean revoked, String userStatus) {

        /** Why the key cannot be used now, or null when it can. */
        String refusal(Instant now) {
            if (revoked) {
                return "revoked";
            }
            if (expiresAt != null && !expiresAt.isAfter(now)) {
                return "expired";
            }
            return "active".equals(userStatus) ? null : "user_" + userStatus;
        }
    }

    private final JdbcClient jdbc;
    private final TenantContext tenants;
    private final Clock clock;
    private final ApiKeyProperties properties;
    private final Cache<String, Verified> verified;
    private final Cache<UUID, Boolean> recentlyUsed;
    private final Cache<UUID, Boolean> recentlyRefused;
    private final AuditLog audit;
    private final DatabaseOutages outages;

    ApiKeyVerifier(JdbcClient jdbc, TenantContext tenants, Clock clock, ApiKeyProperties properties, AuditLog audit,
            DatabaseOutages outages) {
        this.audit = audit;
        this.outages = outages;
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.clock = clock;
        this.properties = properties;
        this.verified = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(properties.cacheTtl()).build();
        this.recentlyUsed = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(properties.lastUsedInterval()).build();
        this.recentlyRefused = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(properties.lastUsedInterval()).build();
    }

    @Override
    public Optional<Actor> authenticate(String key) {
        if (!wellFormed(key)) {
            return Optional.empty();
        }
        byte[] hash = TokenIssuer.hash(key);
        String cacheKey = HexFormat.of().formatHex(hash);
        Verified entry = verified.getIfPresent(cacheKey);
        boolean cached = entry != null;
        if (!cached) {
            entry = lookup(hash).orElse(null);
            if (entry == null) {
                // Unknown: there is no tenant to audit it in.
                return Optional.empty();
            }
        }
        String refusal = entry.refusal(clock.instant());
        if (refusal != null) {
            verified.invalidate(cacheKey);
            auditRefusal(entry, refusal);
            return Optional.empty();
        }
        if (!cached) {
            // Only fresh lookups are cached, so a busy key is still re-read every cache-ttl.
            verified.put(cacheKey, entry);
        }
        markUsed(entry);
        return Optional.of(new Actor(entry.userId(), entry.tenantId(), Set.of(entry.role()), entry.keyId()));
    }

    /** Forgets a revoked key on this node. */
    public void evictKey(UUID keyId) {
        verified.asMap().values().removeIf(entry -> entry.keyId().equals(keyId));
    }

    /** Forgets every key of a user whose roles or status changed, or who was removed. */
    public void evictUser(UUID userId) {
        verified.asMap().values().removeIf(entry -> entry.userId().equals(userId));
    }

    private Optional<Verified> lookup(byte[] hash) {
        return jdbc.sql("select * from api_key_lookup(?)").param(hash)
                .query((rs, n) -> {
                    Timestamp expires = rs.getTimestamp("expires_at");
                    Role keyRole = Role.highest(rolesOf((String[]) rs.getArray("key_roles").getArray()));
                    Role userRole = Role.highest(rolesOf((String[]) rs.getArray("user_roles").getArray()));
                    // A key never acts above its creator, even one demoted after making it.
                    Role effective = keyRole.includes(userRole) ? userRole : keyRole;
                    return new Verified(rs.getObject("tenant_id", UUID.class), rs.getObject("key_id", UUID.class),
                            rs.getObject("user_id", UUID.class), effective, expires == null ? null : expires.toInstant(),
                            rs.getBoolean("revoked"), rs.getString("user_status"));
                })
                .optional();
    }

    /**
     * A refused key that exists may be a leaked one: recorded in its tenant's audit log, at most
     * once per {@code last-used-interval} per key so that a client retrying in a loop does not
     * flood the log.
     */
    private void auditRefusal(Verified entry, String reason) {
        if (recentlyRefused.asMap().putIfAbsent(entry.keyId(), Boolean.TRUE) != null) {
            return;
        }
        try {
            tenants.inTenant(entry.tenantId(), () -> {
                audit.record(new AuditEntry("auth.api_key_refused", "api_key", entry.keyId().toString(),
                        JsonNodeFactory.instance.objectNode().put("reason", reason).put("userId", entry.userId().toString()), null));
                return null;
            });
        } catch (DataAccessException e) {
            recentlyRefused.invalidate(entry.keyId());
            if (!outages.report(e, "api key audit")) {
                log.warn("Could not audit the refusal of API key {}", entry.keyId(), e);
            }
        }
    }

    private void markUsed(Verified entry) {
        if (recentlyUsed.asMap().putIfAbsent(entry.keyId(), Boolean.TRUE) != null) {
            return;
        }
        try {
            tenants.inTenant(entry.tenantId(), () -> jdbc.sql("""
                    update api_keys set last_used_at = now()
                    where tenant_id = ? and id = ? and (last_used_at is null or last_used_at < now() - make_interval(secs => ?))""")
                    .params(entry.tenantId(), entry.keyId(), (double) properties.lastUsedInterval().toSeconds())
                    .update());
        } catch (DataAccessException e) {
            recentlyUsed.invalidate(entry.keyId());
            if (outages.isOutage(e)) {
                // The request's own queries would wait for a connection as long again before their 503:
                // the client gets that 503 now (the platform's filter answers it and logs the outage once).
                throw e;
            }
            // Bookkeeping only: a failed write must not fail the request it describes.
            log.warn("Could not record the use of API key {}", entry.keyId(), e);
        }
    }

    private static List<Role> rolesOf(String[] names) {
        return Arrays.stream(names).map(Role::fromWire).flatMap(Optional::stream).toList();
    }

    private static boolean wellFormed(String key) {
        if (key == null || key.length() != KEY_LENGTH || !key.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < key.length(); i++) {
            char c = key.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
