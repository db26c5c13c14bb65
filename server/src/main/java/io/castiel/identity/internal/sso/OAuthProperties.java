package io.castiel.identity.internal.sso;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code castiel.oauth.*}: the OIDC / OAuth 2.0 providers users may sign in with, and what both
 * single sign-on flows (OIDC and SAML) need to reach the app again.
 *
 * @param providers by id (the {@code {provider}} of {@code /auth/oauth/{provider}/...})
 * @param redirectUris app URLs the flows may hand their one-time code to, matched exactly; URLs on
 *        the web app's own origin ({@code castiel.mail.link-base-url}) are always allowed
 * @param publicBaseUrl the API's public base URL (e.g. {@code https://api.castiel.example.com}),
 *        used for the OAuth callback, the SAML entity id and ACS URL; empty: taken from the request
 */
@ConfigurationProperties("castiel.oauth")
public record OAuthProperties(Map<String, Provider> providers, List<String> redirectUris, String publicBaseUrl) {

    public OAuthProperties {
        providers = providers == null ? Map.of() : Map.copyOf(providers);
        redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
    }

    /**
     * One provider. {@code type: oidc} needs only {@code issuerUri} (endpoints come from its
     * discovery document); {@code type: github} needs the three endpoint URIs ({@code emailsUri}
     * defaults to {@code userInfoUri + "/emails"}, as on api.github.com). {@code displayName} is
     * what the sign-in page's button says ("Continue with ..."); default: the id capitalised.
     */
    public record Provider(
            String type,
            URI issuerUri,
            String clientId,
            String clientSecret,
            List<String> scopes,
            URI authorizationUri,
            URI tokenUri,
            URI userInfoUri,
            URI emailsUri,
            String displayName) {

        public boolean github() {
            return "github".equals(type);
        }

        /** {@code oidc} or {@code github}: how the provider is spoken to (no type means OIDC). */
        public String typeOrDefault() {
            return github() ? "github" : "oidc";
        }

        /** The name shown to users: {@code displayName}, else the id with its first letter capitalised. */
        public String displayNameOr(String id) {
            if (displayName != null && !displayName.isBlank()) {
                return displayName.strip();
            }
            return id.isEmpty() ? id : id.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + id.substring(1);
        }

        public List<String> scopesOrDefault() {
            if (scopes != null && !scopes.isEmpty()) {
                return scopes;
            }
            return github() ? List.of("read:user", "user:email") : List.of("openid", "email", "profile");
        }
    }
}
