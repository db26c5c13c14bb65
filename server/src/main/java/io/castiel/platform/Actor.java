package io.castiel.platform;

import java.util.Set;
import java.util.UUID;

/** Who is making the current request: a user of one tenant with its roles. */
public record Actor(UUID userId, UUID tenantId, Set<Role> roles) {

    public boolean has(Role role) {
        return roles.stream().anyMatch(r -> r.includes(role));
    }
}
