package io.castiel.platform;

import java.util.Optional;

/**
 * The one check of a bearer token ({@code Authorization: Bearer <token>}), for every door in:
 * REST requests, the {@code /ws} socket and the GraphQL socket. A token is an access token (a
 * JWT: signature, claims, expiry, and a session family that was not revoked) or an API key
 * ({@code ck_} prefix, see {@link ApiKeyAuthenticator}). Connections that outlive a request
 * re-check their credential with {@link #isRevoked} before each new operation and are told of a
 * revocation by {@link #watch}, so a logout ends every door the same way.
 */
public interface BearerTokens {

    /**
     * The authentication a token gives, or empty when it is malformed, forged, expired, of a
     * revoked session or an unusable key. A database that cannot be reached is an exception, not
     * an empty answer: the caller reports an outage rather than a bad token.
     */
    Optional<BearerAuthentication> authenticate(String token);

    /**
     * Whether the session family (access token) or the API key was revoked since it authenticated.
     * False while that cannot be known because the database is unreachable: an open connection
     * goes on through an outage.
     */
    boolean isRevoked(BearerAuthentication authentication);

    /**
     * Runs {@code onRevoked} once, on a platform thread, when the authentication's session or key
     * is found revoked; checked every {@code castiel.security.revocation-check-interval}. The
     * connection cancels the watch when it ends.
     */
    Watch watch(BearerAuthentication authentication, Runnable onRevoked);

    /** A revocation watch of one connection. */
    interface Watch {

        /** Stops watching; idempotent. */
        void cancel();
    }
}
