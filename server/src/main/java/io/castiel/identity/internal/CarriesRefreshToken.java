package io.castiel.identity.internal;

import java.time.Instant;

/**
 * An answer that hands out a refresh token. In cookie mode (the web app) the token travels in an
 * HttpOnly cookie instead of the body, so the web layer needs its expiry and the answer without it.
 */
public interface CarriesRefreshToken<T> {

    /** Null when this answer carries none (MFA enabled by a signed-in user). */
    String refreshToken();

    /** When the refresh token expires: the inactivity timeout, capped by the session's absolute end. */
    Instant refreshExpiresAt();

    /** The same answer with {@code refreshToken} left out of the JSON. */
    T withoutRefreshToken();
}
