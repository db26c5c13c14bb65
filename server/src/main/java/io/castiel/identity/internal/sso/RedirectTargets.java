package io.castiel.identity.internal.sso;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import io.castiel.platform.ApiException;
import io.castiel.platform.MailProperties;

/**
 * Where a finished SSO login may send the browser: only to allow-listed app URLs, so the one-time
 * code cannot be handed to an attacker's site (open redirect).
 */
@Component
class RedirectTargets {

    private final OAuthProperties properties;
    private final URI appOrigin;

    RedirectTargets(OAuthProperties properties, MailProperties mail) {
        this.properties = properties;
        this.appOrigin = URI.create(mail.link("/"));
    }

    String requireAllowed(String redirectUri, String pointer) {
        if (redirectUri == null || redirectUri.isBlank()) {
            throw ApiException.badRequest("redirectUri is required", pointer);
        }
        if (!isAllowed(redirectUri)) {
            throw ApiException.badRequest("redirectUri is not an allowed application URL", pointer);
        }
        return redirectUri;
    }

    boolean isAllowed(String redirectUri) {
        if (redirectUri == null || redirectUri.length() > 2000) {
            return false;
        }
        if (properties.redirectUris().contains(redirectUri)) {
            return true;
        }
        URI uri;
        try {
            uri = new URI(redirectUri);
        } catch (Exception e) {
            return false;
        }
        return uri.getScheme() != null && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawFragment() == null
                && uri.getScheme().toLowerCase(Locale.ROOT).equals(appOrigin.getScheme())
                && uri.getHost().toLowerCase(Locale.ROOT).equals(appOrigin.getHost().toLowerCase(Locale.ROOT))
                && port(uri) == port(appOrigin);
    }

    /** The redirect URI with {@code code} added to its query. */
    static String withCode(String redirectUri, String code) {
        return UriComponentsBuilder.fromUriString(redirectUri).queryParam("code", code).build().encode().toUriString();
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return Objects.equals(uri.getScheme(), "https") ? 443 : 80;
    }
}
