package io.castiel.platform;

import java.util.Optional;

/**
 * Turns an API key ({@code Authorization: Bearer ck_...}) into the {@link Actor} it stands for.
 * Declared here so that the security filter chain (platform) can use keys without depending on
 * the module that stores them (identity implements it).
 */
public interface ApiKeyAuthenticator {

    /** Every API key starts with this, which is how a bearer token is told apart from a JWT. */
    String PREFIX = "ck_";

    /**
     * The actor of a usable key: its creator, in the creator's tenant, with the key's roles (never
     * above the creator's) and the key's id. Empty for an unknown, malformed, expired or revoked key
     * and for a key whose creator is no longer active.
     */
    Optional<Actor> authenticate(String key);
}
