package io.castiel.identity.internal.sso;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

import io.castiel.platform.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OIDC / OAuth 2.0 login (authorization code flow with PKCE S256, state and nonce) for the
 * providers of {@link OAuthProperties}: OIDC providers through their discovery document and ID
 * token, GitHub through its user API. The state lives in {@link LoginStates}; a successful login
 * ends with a hand-off code ({@link HandoffCodes}).
 */
@Service
public class OAuthLogin {

    private static final Logger log = LoggerFactory.getLogger(OAuthLogin.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The endpoints of an OIDC provider, from its discovery document. */
    private record Discovery(URI authorizationEndpoint, URI tokenEndpoint, NimbusJwtDecoder decoder) {
    }

    private final OAuthProperties properties;
    private final LoginStates states;
    private final SsoAccounts accounts;
    private final RedirectTargets redirects;
    private final OneTimeSecrets secrets;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, Discovery> discoveries = new ConcurrentHashMap<>();

    OAuthLogin(OAuthProperties properties, LoginStates states, SsoAccounts accounts, RedirectTargets redirects, OneTimeSecrets secrets,
            JdbcClient jdbc, JsonMapper json) {
        this.properties = properties;
        this.states = states;
        this.accounts = accounts;
        this.redirects = redirects;
        this.secrets = secrets;
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Starts a login: stores state, nonce and PKCE verifier and answers the provider's
     * authorization URL.
     *
     * @param callbackUri this server's callback URL for the provider (must be registered there)
     */
    /**
     * A started login: where to send the browser, and the value of the cookie that binds the login
     * to that browser (the callback must bring it back).
     */
    public record Started(URI location, String browserBinding) {
    }

    public Started authorize(String providerId, String tenantSlug, String redirectUri, String callbackUri) {
        OAuthProperties.Provider provider = provider(providerId);
        if (tenantSlug == null || tenantSlug.isBlank()) {
            throw ApiException.badRequest("tenant (the tenant's slug) is required", "/tenant");
        }
        redirects.requireAllowed(redirectUri, "/redirectUri");
        UUID tenantId = jdbc.sql("select sso_tenant_by_slug(?)").param(tenantSlug).query(UUID.class).optional()
                .filter(Objects::nonNull)
                .orElseThrow(() -> ApiException.notFound("tenant", tenantSlug));
        URI authorizationEndpoint = provider.github() ? required(provider.authorizationUri(), providerId, "authorization-uri")
                : discovery(providerId, provider).authorizationEndpoint();
        String verifier = secrets.next();
        String nonce = provider.github() ? null : secrets.next();
        String browserBinding = secrets.next();
        String state = states.begin(new LoginStates.Pending(tenantId, provider.github() ? "oauth" : "oidc", providerId, nonce, verifier,
                null, redirectUri, OneTimeSecrets.sha256(browserBinding)));
        UriComponentsBuilder url = UriComponentsBuilder.fromUri(authorizationEndpoint)
                .queryParam("response_type", "code")
                .queryParam("client_id", provider.clientId())
                .queryParam("redirect_uri", callbackUri)
                .queryParam("scope", String.join(" ", provider.scopesOrDefault()))
                .queryParam("state", state)
                .queryParam("code_challenge", OneTimeSecrets.s256(verifier))
                .queryParam("code_challenge_method", "S256");
        if (nonce != null) {
            url.queryParam("nonce", nonce);
        }
        return new Started(url.encode().build().toUri(), browserBinding);
    }

    /**
     * Finishes a login at the callback: consumes the state, exchanges the code with the PKCE
     * verifier, proves the identity and answers where to send the browser (the app's redirect
     * URI with a one-time code).
     */
    public URI callback(String providerId, String code, String state, String error, String browserBinding, String callbackUri) {
        OAuthProperties.Provider provider = provider(providerId);
        LoginStates.Pending pending = states.consume(state, providerId);
        if (pending.browserHash() != null && (browserBinding == null || browserBinding.length() > 100
                || !java.security.MessageDigest.isEqual(pending.browserHash(), OneTimeSecrets.sha256(browserBinding)))) {
            // Someone else's callback URL opened in this browser (login CSRF): it would sign this browser in as them.
            accounts.recordFailure(pending.tenantId(), provider.github() ? "oauth" : "oidc", providerId, "other browser");
            throw ApiException.badRequest("This login was started in another browser; start it again here", "/state");
        }
        if (error != null) {
            accounts.recordFailure(pending.tenantId(), provider.github() ? "oauth" : "oidc", providerId, "provider error");
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", "The identity provider did not authorize the login (" +
                    error.replaceAll("[^A-Za-z0-9_.-]", "") + ")");
        }
        if (code == null || code.isBlank() || code.length() > 2048) {
            throw ApiException.badRequest("code is required", "/code");
        }
        SsoAccounts.ExternalIdentity identity;
        try {
            identity = provider.github()
                    ? githubIdentity(providerId, provider, code, pending, callbackUri)
                    : oidcIdentity(providerId, provider, code, pending, callbackUri);
        } catch (ApiException e) {
            accounts.recordFailure(pending.tenantId(), provider.github() ? "oauth" : "oidc", providerId, e.getMessage());
            throw e;
        }
        String handoff = accounts.signIn(pending.tenantId(), identity);
        return URI.create(RedirectTargets.withCode(pending.redirectUri(), handoff));
    }

    private SsoAccounts.ExternalIdentity oidcIdentity(String providerId, OAuthProperties.Provider provider, String code,
            LoginStates.Pending pending, String callbackUri) {
        Discovery discovery = discovery(providerId, provider);
        JsonNode tokens = tokenRequest(discovery.tokenEndpoint(), provider, code, pending, callbackUri);
        String idToken = tokens.path("id_token").asString("");
        if (idToken.isEmpty()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", "The identity provider answered no ID token");
        }
        Jwt jwt;
        try {
            jwt = discovery.decoder().decode(idToken);
        } catch (JwtException e) {
            log.info("Refused an ID token from {}: {}", providerId, e.getMessage());
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", "The ID token is not valid");
        }
        if (pending.nonce() == null || !pending.nonce().equals(jwt.getClaimAsString("nonce"))) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", "The ID token's nonce does not match this login");
        }
        Object verified = jwt.getClaims().get("email_verified");
        boolean emailVerified = Boolean.TRUE.equals(verified) || "true".equals(verified);
        return new SsoAccounts.ExternalIdentity("oidc:" + providerId, jwt.getSubject(), jwt.getClaimAsString("email"), emailVerified,
                jwt.getClaimAsString("name"), null, "oidc");
    }

    private SsoAccounts.ExternalIdentity githubIdentity(String providerId, OAuthProperties.Provider provider, String code,
            LoginStates.Pending pending, String callbackUri) {
        JsonNode tokens = tokenRequest(required(provider.tokenUri(), providerId, "token-uri"), provider, code, pending, callbackUri);
        String accessToken = tokens.path("access_token").asString("");
        if (accessToken.isEmpty()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", "The identity provider refused the authorization code");
        }
        URI userUri = required(provider.userInfoUri(), providerId, "user-info-uri");
        URI emailsUri = provider.emailsUri() != null ? provider.emailsUri() : URI.create(userUri.toString().replaceAll("/+$", "") + "/emails");
        JsonNode user = getJson(userUri, accessToken);
        JsonNode emails = getJson(emailsUri, accessToken);
        String email = null;
        boolean verified = false;
        for (JsonNode entry : emails) {
            if (entry.path("primary").asBoolean(false)) {
                email = entry.path("email").asString(null);
                verified = entry.path("verified").asBoolean(false);
            }
        }
        String subject = user.path("id").asString("");
        if (subject.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, "Bad gateway", "The identity provider answered no user id");
        }
        String name = user.path("name").isString() ? user.path("name").asString() : user.path("login").asString(null);
        return new SsoAccounts.ExternalIdentity("oauth:" + providerId, subject, email, verified, name, null, "oauth");
    }

    private JsonNode tokenRequest(URI tokenEndpoint, OAuthProperties.Provider provider, String code, LoginStates.Pending pending,
            String callbackUri) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", callbackUri);
        form.put("client_id", provider.clientId());
        if (provider.clientSecret() != null) {
            form.put("client_secret", provider.clientSecret());
        }
        form.put("code_verifier", pending.codeVerifier());
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(tokenEndpoint).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() >= 400 && response.statusCode() < 500) {
            log.info("Token endpoint refused the code: {} {}", response.statusCode(), abbreviate(response.body()));
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", "The identity provider refused the authorization code");
        }
        JsonNode tokens = parse(response);
        if (tokens.has("error")) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", "The identity provider refused the authorization code");
        }
        return tokens;
    }

    private JsonNode getJson(URI uri, String accessToken) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/vnd.github+json")
                .header("User-Agent", "Castiel")
                .GET().build());
        return parse(response);
    }

    private Discovery discovery(String providerId, OAuthProperties.Provider provider) {
        Discovery cached = discoveries.get(providerId);
        if (cached != null) {
            return cached;
        }
        URI issuer = required(provider.issuerUri(), providerId, "issuer-uri");
        URI wellKnown = URI.create(issuer.toString().replaceAll("/+$", "") + "/.well-known/openid-configuration");
        JsonNode document = parse(send(HttpRequest.newBuilder(wellKnown).timeout(TIMEOUT).header("Accept", "application/json").GET().build()));
        String declaredIssuer = document.path("issuer").asString("");
        if (!declaredIssuer.equals(issuer.toString())) {
            log.warn("OIDC provider {} declares issuer {} but is configured as {}", providerId, declaredIssuer, issuer);
            throw providerUnavailable();
        }
        JsonNode methods = document.path("code_challenge_methods_supported");
        if (methods.isArray() && methods.valueStream().noneMatch(m -> "S256".equals(m.asString(null)))) {
            log.warn("OIDC provider {} does not support PKCE S256; refusing to use it", providerId);
            throw providerUnavailable();
        }
        URI jwks = URI.create(document.path("jwks_uri").asString(""));
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwks.toString())
                .jwsAlgorithms(algorithms -> algorithms.addAll(List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.RS384,
                        SignatureAlgorithm.RS512, SignatureAlgorithm.ES256, SignatureAlgorithm.ES384, SignatureAlgorithm.PS256)))
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(declaredIssuer),
                audienceIs(provider.clientId())));
        Discovery discovery = new Discovery(URI.create(document.path("authorization_endpoint").asString("")),
                URI.create(document.path("token_endpoint").asString("")), decoder);
        discoveries.put(providerId, discovery);
        return discovery;
    }

    /** The ID token is for us: our client id among its audiences, and the authorized party if it names several. */
    private static OAuth2TokenValidator<Jwt> audienceIs(String clientId) {
        return jwt -> {
            List<String> audience = jwt.getAudience();
            boolean ours = audience != null && audience.contains(clientId);
            String azp = jwt.getClaimAsString("azp");
            if (ours && audience.size() > 1 && !clientId.equals(azp)) {
                ours = false;
            }
            return ours ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The ID token is not for this client", null));
        };
    }

    private OAuthProperties.Provider provider(String providerId) {
        OAuthProperties.Provider provider = providerId == null ? null : properties.providers().get(providerId);
        if (provider == null) {
            throw ApiException.notFound("OAuth provider", providerId);
        }
        return provider;
    }

    private static URI required(URI uri, String providerId, String name) {
        if (uri == null) {
            log.warn("OAuth provider {} has no {}", providerId, name);
            throw providerUnavailable();
        }
        return uri;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            log.warn("Identity provider unreachable at {}: {}", request.uri(), e.toString());
            throw providerUnavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw providerUnavailable();
        }
    }

    private JsonNode parse(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            log.warn("Identity provider answered {} at {}: {}", response.statusCode(), response.uri(), abbreviate(response.body()));
            throw providerUnavailable();
        }
        try {
            return json.readTree(response.body());
        } catch (RuntimeException e) {
            log.warn("Identity provider answered malformed JSON at {}", response.uri());
            throw providerUnavailable();
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static ApiException providerUnavailable() {
        return new ApiException(HttpStatus.BAD_GATEWAY, "Bad gateway", "The identity provider could not be used; try again later");
    }
}
