package io.castiel.platform;

import java.util.Set;
import java.util.UUID;

/**
 * Who is making the current request: a user of one tenant with its roles. When the request
 * authenticated with an API key, {@code apiKeyId} names the key (its roles are the key's, never
 * more than its creator's); otherwise it is null.
 */
public record Actor(UUID userId, UUID tenantId, Set<Role> roles, UUID apiKeyId) {

    public Actor(UUID userId, UUID tenantId, Set<Role> roles) {
        this(userId, tenantId, roles, null);
    }

    public boolean has(Role role) {
        return roles.stream().anyMatch(r -> r.includes(role));
    }

    /** The highest role this actor holds. */
    public Role highestRole() {
        return Role.highest(roles);
    }

    /** A stable key for per-credential limits: the API key when there is one, else the user. */
    public String credentialKey() {
        return apiKeyId != null ? "key:" + apiKeyId : "user:" + userId;
    }
}
