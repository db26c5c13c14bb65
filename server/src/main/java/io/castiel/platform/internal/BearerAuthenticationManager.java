package io.castiel.platform.internal;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import io.castiel.platform.ApiKeyAuthenticator;

/**
 * The one authentication manager of bearer tokens: an API key ({@code ck_} prefix) goes to the
 * {@link ApiKeyAuthenticator}, anything else to the JWT manager. Dispatching on the prefix keeps a
 * key from ever reaching the JWT parser and a JWT from costing a key lookup.
 */
final class BearerAuthenticationManager implements AuthenticationManager {

    private final AuthenticationManager jwt;
    private final ApiKeyAuthenticator apiKeys;

    BearerAuthenticationManager(AuthenticationManager jwt, ApiKeyAuthenticator apiKeys) {
        this.jwt = jwt;
        this.apiKeys = apiKeys;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        if (authentication instanceof BearerTokenAuthenticationToken bearer && bearer.getToken().startsWith(ApiKeyAuthenticator.PREFIX)) {
            return apiKeys.authenticate(bearer.getToken())
                    .map(ApiKeyAuthentication::new)
                    .orElseThrow(() -> new InvalidBearerTokenException("The API key is invalid, expired or revoked"));
        }
        return jwt.authenticate(authentication);
    }
}
