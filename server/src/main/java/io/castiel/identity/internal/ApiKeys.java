package io.castiel.identity.internal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiException;
import io.castiel.platform.ApiKeyAuthenticator;
import io.castiel.platform.Cursors;
import io.castiel.platform.Ids;
import io.castiel.platform.Page;
import io.castiel.platform.PageRequest;
import io.castiel.platform.Role;
import io.castiel.platform.TenantContext;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creating, listing and revoking API keys. Every user may make keys for themselves, with roles no
 * higher than their own; admins see and revoke every key of the tenant, others only their own.
 * A key is made with a user's session, never with another key (a leaked key must not be able to
 * mint successors that outlive its revocation). The secret is answered once; only its SHA-256
 * and a short prefix (to recognise it in lists) are stored.
 */
@Service
public class ApiKeys {

    private static final int PREFIX_LENGTH = ApiKeyAuthenticator.PREFIX.length() + 5;

    /** A key as lists show it: never the secret. */
    public record ApiKey(UUID id, String name, String prefix, List<String> roles, UUID userId, Instant expiresAt, Instant createdAt,
            Instant lastUsedAt) {
    }

    /** The answer to a creation: the only time {@code key} is shown. */
    public record CreatedApiKey(UUID id, String name, String key, String prefix, List<String> roles, UUID userId, Instant expiresAt,
            Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final TenantContext tenants;
    private final ActorContext actors;
    private final AuditLog audit;
    private final Cursors cursors;
    private final Ids ids;
    private final Clock clock;
    private final ApiKeyVerifier verifier;
    private final SecureRandom random = new SecureRandom();

    ApiKeys(JdbcClient jdbc, TenantContext tenants, ActorContext actors, AuditLog audit, Cursors cursors, Ids ids, Clock clock,
            ApiKeyVerifier verifier) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.actors = actors;
        this.audit = audit;
        this.cursors = cursors;
        this.ids = ids;
        this.clock = clock;
        this.verifier = verifier;
    }

    public CreatedApiKey create(String name, List<String> roleNames, String expiresAt) {
        Actor actor = actors.current();
        if (actor.apiKeyId() != null) {
            throw ApiException.forbidden("API keys are created with a user's sign-in, not with another API key");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ApiException.badRequest("name must be a non-empty string of at most 200 characters", "/name");
        }
        List<String> roles = Roles.parse(roleNames, "/roles");
        Role requested = Role.highest(Roles.of(roles));
        if (!actor.has(requested)) {
            throw ApiException.forbidden("An API key cannot have a role above your own (" + actor.highestRole().wireName() + ")");
        }
        Instant expires = parseExpiry(expiresAt);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = ApiKeyAuthenticator.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String prefix = key.substring(0, PREFIX_LENGTH);
        UUID id = ids.next();
        Instant createdAt = clock.instant();
        return tenants.inTenant(actor.tenantId(), () -> {
            jdbc.sql("""
                    insert into api_keys (tenant_id, id, user_id, name, prefix, key_hash, roles, expires_at, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(actor.tenantId(), id, actor.userId(), name.trim(), prefix, TokenIssuer.hash(key), roles.toArray(String[]::new),
                            expires == null ? null : Timestamp.from(expires), Timestamp.from(createdAt))
                    .update();
            ObjectNode changes = JsonNodeFactory.instance.objectNode().put("name", name.trim()).put("prefix", prefix)
                    .put("expiresAt", expires == null ? null : expires.toString());
            changes.set("roles", Roles.json(roles));
            audit.record(AuditEntry.of("apikey.created", "api_key", id, changes).by(actor.userId()));
            return new CreatedApiKey(id, name.trim(), key, prefix, roles, actor.userId(), expires, createdAt);
        });
    }

    /** Keys not revoked (expired ones included, so they can be recognised and cleaned up), oldest first. */
    public Page<ApiKey> list(int limit, String cursor) {
        Actor actor = actors.current();
        PageRequest page = PageRequest.of(limit, cursor);
        UUID from = cursors.afterId(page, "apiKeyId");
        boolean all = actor.has(Role.ADMIN);
        String sql = "select id, name, prefix, roles, user_id, expires_at, created_at, last_used_at from api_keys"
                + " where tenant_id = :tenant and revoked_at is null" + (all ? "" : " and user_id = :user")
                + (from == null ? "" : " and id > :after") + " order by id limit :limit";
        List<ApiKey> rows = tenants.inTenant(actor.tenantId(), () -> {
            var statement = jdbc.sql(sql).param("tenant", actor.tenantId()).param("limit", page.rowsToFetch());
            if (!all) {
                statement = statement.param("user", actor.userId());
            }
            if (from != null) {
                statement = statement.param("after", from);
            }
            return statement
                    .query((rs, n) -> new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("prefix"),
                            Arrays.asList((String[]) rs.getArray("roles").getArray()), rs.getObject("user_id", UUID.class),
                            instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("created_at")),
                            instant(rs.getTimestamp("last_used_at"))))
                    .list();
        });
        return cursors.pageById(rows, page, "apiKeyId", ApiKey::id);
    }

    /** Revokes a key at once (on this node; see {@link ApiKeyVerifier}). Revoking it again is a no-op. */
    public void revoke(UUID id) {
        Actor actor = actors.current();
        tenants.inTenant(actor.tenantId(), () -> {
            UUID owner = jdbc.sql("select user_id from api_keys where tenant_id = ? and id = ? for update").params(actor.tenantId(), id)
                    .query(UUID.class).optional()
                    .filter(user -> user.equals(actor.userId()) || actor.has(Role.ADMIN))
                    .orElseThrow(() -> ApiException.notFound("API key", id));
            int revoked = jdbc.sql("update api_keys set revoked_at = now() where tenant_id = ? and id = ? and revoked_at is null")
                    .params(actor.tenantId(), id).update();
            if (revoked == 1) {
                audit.record(AuditEntry.of("apikey.revoked", "api_key", id,
                        JsonNodeFactory.instance.objectNode().put("userId", owner.toString())).by(actor.userId()));
            }
            return null;
        });
        verifier.evictKey(id);
    }

    private Instant parseExpiry(String value) {
        if (value == null) {
            return null;
        }
        Instant expires;
        try {
            expires = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("expiresAt must be an RFC 3339 timestamp such as 2027-01-31T00:00:00Z", "/expiresAt");
        }
        if (!expires.isAfter(clock.instant())) {
            throw ApiException.badRequest("expiresAt must be in the future", "/expiresAt");
        }
        return expires;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
