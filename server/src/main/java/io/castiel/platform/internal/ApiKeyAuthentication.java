package io.castiel.platform.internal;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import io.castiel.platform.Actor;

/**
 * A request authenticated with an API key. The principal is the {@link Actor} itself (which
 * {@code ActorContext} reads); authorities are {@code ROLE_<role>} as for access tokens.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final Actor actor;

    ApiKeyAuthentication(Actor actor) {
        super(authoritiesOf(actor));
        this.actor = actor;
        setAuthenticated(true);
    }

    @Override
    public Object getPrincipal() {
        return actor;
    }

    @Override
    public Object getCredentials() {
        // The key itself is never kept past authentication.
        return null;
    }

    @Override
    public String getName() {
        return actor.userId().toString();
    }

    private static List<GrantedAuthority> authoritiesOf(Actor actor) {
        return actor.roles().stream().<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r.wireName())).toList();
    }
}
