package io.castiel.identity.web;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.castiel.identity.internal.CarriesRefreshToken;
import io.castiel.identity.internal.sso.OAuthProperties;
import io.castiel.platform.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Cookie mode for the web app: the browser never holds a refresh token where a script can read it.
 * A sign-in sent with {@code X-Castiel-Refresh-Cookie: true} answers its refresh token as an
 * HttpOnly cookie scoped to the auth paths instead of in the body; refresh and logout without a
 * token in the body use the cookie.
 *
 * <p>A cookie is sent by the browser whoever made the request, so using it needs proof that this
 * origin's own script did: the header {@code X-Castiel-CSRF: 1} (a cross-site form cannot set a
 * header, and a cross-site fetch with one needs a preflight that CORS does not grant for it), and
 * an {@code Origin}, when sent, that is this server's. SameSite=Strict is the second wall.
 */
@Component
class RefreshCookie {

    static final String NAME = "castiel_refresh";
    static final String PATH = "/api/v1/auth";
    static final String MODE_HEADER = "X-Castiel-Refresh-Cookie";
    static final String CSRF_HEADER = "X-Castiel-CSRF";

    private final Clock clock;
    private final OAuthProperties oauth;

    RefreshCookie(Clock clock, OAuthProperties oauth) {
        this.clock = clock;
        this.oauth = oauth;
    }

    static boolean requested(String modeHeader) {
        return "true".equalsIgnoreCase(modeHeader);
    }

    /** The answer as it goes out in cookie mode: its refresh token moved to the cookie. Other answers (an MFA challenge) as they are. */
    @SuppressWarnings("unchecked")
    <T> T deliver(T answer, HttpServletResponse response) {
        if (answer instanceof CarriesRefreshToken<?> carrier && carrier.refreshToken() != null) {
            long seconds = Math.max(0, Duration.between(clock.instant(), carrier.refreshExpiresAt()).toSeconds());
            response.addHeader(HttpHeaders.SET_COOKIE, header(carrier.refreshToken(), seconds));
            return (T) carrier.withoutRefreshToken();
        }
        return answer;
    }

    /** {@link #deliver} when the request asked for cookie mode; otherwise the answer unchanged, exactly as without cookies. */
    <T> T deliverIfRequested(T answer, String modeHeader, HttpServletResponse response) {
        return requested(modeHeader) ? deliver(answer, response) : answer;
    }

    void clear(HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, header("", 0));
    }

    /** Refuses (403) a use of the cookie that this origin's own script cannot be shown to have made. */
    void checkSameOrigin(String csrfHeader, HttpServletRequest request) {
        if (!"1".equals(csrfHeader)) {
            throw ApiException.forbidden("Using the refresh cookie needs the header " + CSRF_HEADER + ": 1");
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !origin.equalsIgnoreCase(originOf(ServletUriComponentsBuilder.fromContextPath(request).toUriString()))
                && !origin.equalsIgnoreCase(originOf(oauth.publicBaseUrl()))) {
            throw ApiException.forbidden("The refresh cookie is only accepted from this server's own origin");
        }
    }

    /** scheme://host[:port] of a URL, the port left out when it is the scheme's default, as browsers send Origin. */
    static String originOf(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        URI uri = URI.create(url.trim());
        if (uri.getScheme() == null || uri.getHost() == null) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    // Written out rather than with ResponseCookie, which adds an Expires that only repeats Max-Age.
    private static String header(String value, long maxAgeSeconds) {
        return NAME + "=" + value + "; Path=" + PATH + "; HttpOnly; Secure; SameSite=Strict; Max-Age=" + maxAgeSeconds;
    }
}
