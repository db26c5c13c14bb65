package io.castiel.platform;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Reads the authenticated {@link Actor} of the current request (from its access token or API key). */
@Component
public class ActorContext {

    public static final String TENANT_CLAIM = "tid";
    public static final String ROLES_CLAIM = "roles";
    /** The session family an access token belongs to (its revocation ends the token). */
    public static final String SESSION_CLAIM = "sid";

    public Optional<Actor> find() {
        return bearer().map(BearerAuthentication::actor);
    }

    /** The session family of the current access token; empty for API keys and anonymous calls. */
    public Optional<UUID> sessionId() {
        return bearer().map(BearerAuthentication::sessionId);
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

    /**
     * What the security context holds for a bearer: the security filter chain puts it there for a
     * request, a socket for each of its operations; {@link #find()} reads it back.
     */
    public static Authentication authenticationOf(BearerAuthentication bearer) {
        return new BearerAuthenticationToken(bearer);
    }

    private static Optional<BearerAuthentication> bearer() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof BearerAuthentication bearer) {
            return Optional.of(bearer);
        }
        return Optional.empty();
    }

    /** Authorities are {@code ROLE_<role>}; the token itself is not kept as a credential. */
    private static final class BearerAuthenticationToken extends AbstractAuthenticationToken {

        private final BearerAuthentication bearer;

        BearerAuthenticationToken(BearerAuthentication bearer) {
            super(authoritiesOf(bearer.actor()));
            this.bearer = bearer;
            setAuthenticated(true);
        }

        @Override
        public Object getPrincipal() {
            return bearer;
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public String getName() {
            return bearer.actor().userId().toString();
        }

        private static List<GrantedAuthority> authoritiesOf(Actor actor) {
            return actor.roles().stream().<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r.wireName())).toList();
        }
    }
}
