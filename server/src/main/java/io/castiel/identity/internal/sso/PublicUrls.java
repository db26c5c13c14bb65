package io.castiel.identity.internal.sso;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** This server's public URLs for identity providers: {@code castiel.oauth.public-base-url}, else the current request's. */
@Component
public class PublicUrls {

    private final OAuthProperties properties;

    PublicUrls(OAuthProperties properties) {
        this.properties = properties;
    }

    /** The absolute URL of an API path (starting with {@code /api/v1/}). */
    public String of(String path) {
        String base = properties.publicBaseUrl();
        if (base == null || base.isBlank()) {
            base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        }
        return base.replaceAll("/+$", "") + path;
    }
}
