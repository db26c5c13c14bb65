package io.castiel.platform;

import java.time.Instant;
import java.util.UUID;

/**
 * A bearer token that passed {@link BearerTokens#authenticate}: the actor it stands for and, for
 * an access token, its session family ({@code sid}) and expiry; both are null for an API key.
 * The token itself is kept so that an API key can be checked again later (its revocation); it
 * never appears in {@link #toString()}.
 */
public record BearerAuthentication(Actor actor, UUID sessionId, Instant expiresAt, String token) {

    public boolean isApiKey() {
        return actor.apiKeyId() != null;
    }

    /**
     * Whether an access token's lifetime is over at {@code now}, to the millisecond: a long-lived
     * connection ends exactly then. (Authentication itself allows the usual clock skew.)
     */
    public boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    @Override
    public String toString() {
        return "BearerAuthentication[actor=" + actor + ", sessionId=" + sessionId + ", expiresAt=" + expiresAt + "]";
    }
}
