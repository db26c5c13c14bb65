package io.castiel.identity.web;

import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.identity.internal.sso.OAuthProperties;
import io.castiel.identity.internal.sso.SamlLogin;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The single sign-on a sign-in page may offer (public): the configured OIDC / OAuth providers
 * (id, display name, type; never client ids or secrets) and, for a tenant slug, whether that
 * tenant has SAML configured.
 */
@RestController
@RequestMapping("/api/v1/auth")
class SsoProvidersController {

    /** One OAuth provider: {@code id} is the {@code {provider}} of {@code /auth/oauth/{provider}/authorize}. */
    record OAuthProvider(String id, String name, @Schema(allowableValues = {"oidc", "github"}) String type) {
    }

    record SsoProviders(List<OAuthProvider> oauth,
            @Schema(description = "Whether the tenant has SAML single sign-on; null without the tenant parameter,"
                    + " false for an unknown tenant", nullable = true) Boolean saml) {
    }

    private final OAuthProperties properties;
    private final SamlLogin saml;

    SsoProvidersController(OAuthProperties properties, SamlLogin saml) {
        this.properties = properties;
        this.saml = saml;
    }

    @GetMapping("/providers")
    ResponseEntity<SsoProviders> providers(
            @Parameter(description = "A tenant slug: answer also whether it has SAML") @RequestParam(required = false) String tenant) {
        List<OAuthProvider> oauth = properties.providers().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> new OAuthProvider(e.getKey(), e.getValue().displayNameOr(e.getKey()), e.getValue().typeOrDefault()))
                .toList();
        Boolean samlConfigured = tenant == null ? null : saml.configuredFor(tenant);
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(new SsoProviders(oauth, samlConfigured));
    }
}
