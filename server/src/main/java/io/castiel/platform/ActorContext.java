package io.castiel.platform;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/** Reads the authenticated {@link Actor} of the current request (from its access token or API key). */
@Component
public class ActorContext {

    public static final String TENANT_CLAIM = "tid";
    public static final String ROLES_CLAIM = "roles";
    /** The session family an access token belongs to (its revocation ends the token). */
    public static final String SESSION_CLAIM = "sid";

    public Optional<Actor> find() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return Optional.empty();
        }
        // API-key authentication puts the Actor itself in the security context.
        if (authentication.getPrincipal() instanceof Actor actor) {
            return Optional.of(actor);
        }
        if (authentication.getPrincipal() instanceof Jwt jwt) {
            return Optional.of(fromJwt(jwt));
        }
        return Optional.empty();
    }

    /** The session family of the current access token; empty for API keys and anonymous calls. */
    public Optional<UUID> sessionId() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt && jwt.getClaimAsString(SESSION_CLAIM) != null) {
            return Optional.of(UUID.fromString(jwt.getClaimAsString(SESSION_CLAIM)));
        }
        return Optional.empty();
    }

    public Actor current() {
        return find().orElseThrow(() -> ApiException.unauthorized("Authentication required"));
    }

    public Actor requireRole(Role role) {
        Actor actor = current();
        if (!actor.has(role)) {
            throw ApiException.forbidden("This action needs the " + role.wireName() + " role");
        }
        return actor;
    }

    /** The actor an access token stands for (also for callers that verify a token themselves, like the WebSocket). */
    public static Actor fromJwt(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Object claim = jwt.getClaims().get(ROLES_CLAIM);
        if (claim instanceof Collection<?> values) {
            values.forEach(v -> Role.fromWire(String.valueOf(v)).ifPresent(roles::add));
        }
        return new Actor(UUID.fromString(jwt.getSubject()), UUID.fromString(jwt.getClaimAsString(TENANT_CLAIM)), Set.copyOf(roles));
    }
}
