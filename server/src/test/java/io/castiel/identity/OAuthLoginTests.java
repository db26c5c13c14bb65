package io.castiel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import tools.jackson.databind.JsonNode;

/**
 * OIDC login against a real OIDC server (mock-oauth2-server: discovery, JWKS, signed ID tokens,
 * PKCE) and GitHub-style OAuth 2.0 against a small local HTTP server speaking GitHub's endpoints.
 * Redirects are followed by hand, as a browser would. The providers need their own application
 * context (and database), which is closed after this class.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ContextConfiguration(initializers = OAuthLoginTests.OwnDatabase.class)
class OAuthLoginTests extends CastielTest {

    private static final String CLIENT_ID = "castiel-test-client";
    private static final String APP = "http://localhost:8080/sso/done";
    private static final MockOAuth2Server OIDC = startOidc();
    private static final GitHub GITHUB = new GitHub();

    /** The login cookie our authorize endpoint set (this test's "browser" sends it back to our callback). */
    private String loginCookie;

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("castiel.oauth.providers.mock.type", () -> "oidc");
        registry.add("castiel.oauth.providers.mock.issuer-uri", () -> OIDC.issuerUrl("default").toString());
        registry.add("castiel.oauth.providers.mock.client-id", () -> CLIENT_ID);
        registry.add("castiel.oauth.providers.mock.client-secret", () -> "oidc-secret");
        registry.add("castiel.oauth.providers.github.type", () -> "github");
        registry.add("castiel.oauth.providers.github.client-id", () -> "gh-client");
        registry.add("castiel.oauth.providers.github.client-secret", () -> "gh-secret");
        registry.add("castiel.oauth.providers.github.authorization-uri", () -> GITHUB.url("/login/oauth/authorize"));
        registry.add("castiel.oauth.providers.github.token-uri", () -> GITHUB.url("/login/oauth/access_token"));
        registry.add("castiel.oauth.providers.github.user-info-uri", () -> GITHUB.url("/user"));
    }

    @AfterAll
    static void stopProviders() {
        OIDC.shutdown();
        GITHUB.server.stop(0);
    }

    @Test
    void oidcLoginLinksTheActiveUserWithTheVerifiedEmailAndHandsTokensOverThroughAOneTimeCode() throws Exception {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        issueIdToken("sub-" + UUID.randomUUID(), member.email(), true);

        URI providerAuthorize = authorize("mock", tenant.slug(), APP);
        Map<String, String> query = query(providerAuthorize);
        assertThat(query).containsKeys("state", "nonce", "code_challenge").containsEntry("code_challenge_method", "S256")
                .containsEntry("client_id", CLIENT_ID).containsEntry("response_type", "code");
        assertThat(query.get("scope")).contains("openid").contains("email");
        URI callback = follow(providerAuthorize);
        drainOidcRequests();
        URI app = follow(callback);

        assertThat(app.toString()).startsWith(APP + "?code=");
        String tokenRequest = oidcTokenRequestBody();
        String verifier = form(tokenRequest).get("code_verifier");
        assertThat(verifier).hasSizeGreaterThanOrEqualTo(43);
        assertThat(s256(verifier)).as("the verifier sent matches the S256 challenge").isEqualTo(query.get("code_challenge"));

        Api.Response tokens = anonymous.post("auth/oauth/token", Api.object().put("code", query(app).get("code")));
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        assertThat(tokens.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(tokens.json().get("refreshToken").asString()).isNotBlank();
        JsonNode me = anonymous.withToken(tokens.json().get("accessToken").asString()).get("me").json();
        assertThat(me.at("/user/email").asString()).isEqualTo(member.email());
        assertThat(me.at("/user/roles/0").asString()).isEqualTo("member");
        assertThat(auditActions(tenant)).contains("user.sso_linked", "auth.login", "auth.sso_code_exchanged");
    }

    @Test
    void theHandOffCodeWorksOnceAndNotAfterItsMinute() throws Exception {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "viewer");
        issueIdToken("sub-" + UUID.randomUUID(), member.email(), true);
        String code = query(follow(follow(authorize("mock", tenant.slug(), APP)))).get("code");

        assertThat(anonymous.post("auth/oauth/token", Api.object().put("code", code)).status()).isEqualTo(200);
        Api.Response again = anonymous.post("auth/oauth/token", Api.object().put("code", code));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.contentType()).startsWith("application/problem+json");

        issueIdToken("sub-" + UUID.randomUUID(), member.email(), true);
        String late = query(follow(follow(authorize("mock", tenant.slug(), APP)))).get("code");
        tenants.inTenant(tenant.id(), () -> jdbc.sql("update sso_handoff_codes set expires_at = now() - interval '1 second' where used_at is null")
                .update());
        assertThat(anonymous.post("auth/oauth/token", Api.object().put("code", late)).status()).isEqualTo(400);
        assertThat(anonymous.post("auth/oauth/token", Api.object().put("code", "made-up")).status()).isEqualTo(400);
        assertThat(anonymous.post("auth/oauth/token", Api.object()).status()).isEqualTo(400);
    }

    @Test
    void aSingleSignOnCountsAsOneFactorWhenTheTenantRequiresMfa() throws Exception {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        assertThat(tenant.api().patch("tenant", Api.parse("{\"settings\":{\"mfaRequired\":true}}")).status()).isEqualTo(200);
        issueIdToken("sub-" + UUID.randomUUID(), member.email(), true);
        String code = query(follow(follow(authorize("mock", tenant.slug(), APP)))).get("code");

        Api.Response answer = anonymous.post("auth/oauth/token", Api.object().put("code", code));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().get("mfaRequired").asBoolean()).isTrue();
        assertThat(answer.json().get("mfaToken").asString()).isNotBlank();
        assertThat(answer.json().has("accessToken")).isFalse();
        assertThat(answer.json().has("refreshToken")).isFalse();
    }

    @Test
    void aFirstLoginProvisionsAUserWithTheDefaultRoleWhenTheTenantProvisions() throws Exception {
        TestTenant tenant = newTenant();
        assertThat(tenant.api().patch("tenant", Api.parse("{\"settings\":{\"ssoProvisioning\":\"provision\",\"ssoDefaultRole\":\"viewer\"}}"))
                .status()).isEqualTo(200);
        String email = "New.Person-" + UUID.randomUUID() + "@example.test";
        String subject = "sub-" + UUID.randomUUID();
        issueIdToken(subject, email, true);

        Api.Response tokens = anonymous.post("auth/oauth/token",
                Api.object().put("code", query(follow(follow(authorize("mock", tenant.slug(), APP)))).get("code")));

        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        JsonNode me = anonymous.withToken(tokens.json().get("accessToken").asString()).get("me").json();
        assertThat(me.at("/user/email").asString()).isEqualTo(email.toLowerCase());
        assertThat(me.at("/user/roles").toString()).isEqualTo("[\"viewer\"]");
        assertThat(me.at("/tenant/id").asString()).isEqualTo(tenant.id().toString());
        assertThat(auditActions(tenant)).contains("user.created", "auth.login");

        // The second login finds the same user through the linked identity.
        issueIdToken(subject, email, true);
        Api.Response second = anonymous.post("auth/oauth/token",
                Api.object().put("code", query(follow(follow(authorize("mock", tenant.slug(), APP)))).get("code")));
        assertThat(anonymous.withToken(second.json().get("accessToken").asString()).get("me").json().at("/user/id").asString())
                .isEqualTo(me.at("/user/id").asString());
    }

    @Test
    void withoutProvisioningAnUnknownEmailIsRefused() throws Exception {
        TestTenant tenant = newTenant();
        String email = "stranger-" + UUID.randomUUID() + "@example.test";
        issueIdToken("sub-" + UUID.randomUUID(), email, true);

        HttpResponse<String> callback = get(follow(authorize("mock", tenant.slug(), APP)));

        assertThat(callback.statusCode()).isEqualTo(403);
        assertThat(callback.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(tenants.inTenant(tenant.id(), () -> jdbc.sql("select count(*) from users where email = ?").param(email)
                .query(Integer.class).single())).isZero();
        assertThat(auditActions(tenant)).contains("auth.login_failed");
    }

    @Test
    void anEmailTheProviderHasNotVerifiedIsRefusedEvenWhenTheUserExists() throws Exception {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "admin");
        issueIdToken("sub-" + UUID.randomUUID(), member.email(), false);

        HttpResponse<String> callback = get(follow(authorize("mock", tenant.slug(), APP)));

        assertThat(callback.statusCode()).isEqualTo(403);
        assertThat(Api.parse(callback.body()).get("detail").asString()).contains("verified");
    }

    @Test
    void aStateWorksOnlyOnce() throws Exception {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        issueIdToken("sub-" + UUID.randomUUID(), member.email(), true);
        URI callback = follow(authorize("mock", tenant.slug(), APP));

        assertThat(get(callback).statusCode()).isEqualTo(302);
        HttpResponse<String> replay = get(callback);

        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(Api.parse(replay.body()).get("detail").asString()).contains("state");
    }

    @Test
    void aCallbackOpenedInAnotherBrowserIsRefused() throws Exception {
        TestTenant tenant = newTenant();
        // No ID token is queued: the code is never exchanged.
        URI attackersCallback = follow(authorize("mock", tenant.slug(), APP));
        authorize("mock", tenant.slug(), APP);

        HttpResponse<String> victim = get(attackersCallback);

        assertThat(victim.statusCode()).as("another login's cookie").isEqualTo(400);
        assertThat(Api.parse(victim.body()).get("detail").asString()).contains("another browser");
        URI second = follow(authorize("mock", tenant.slug(), APP));
        loginCookie = null;
        assertThat(get(second).statusCode()).as("no cookie at all").isEqualTo(400);
        assertThat(auditActions(tenant)).contains("auth.login_failed");
    }

    @Test
    void anExpiredOrUnknownStateIsRefused() throws Exception {
        TestTenant tenant = newTenant();
        // No ID token is queued: the code is never exchanged.
        URI callback = follow(authorize("mock", tenant.slug(), APP));
        tenants.inTenant(tenant.id(), () -> jdbc.sql("update sso_states set expires_at = now() - interval '1 second'").update());

        assertThat(get(callback).statusCode()).isEqualTo(400);
        assertThat(anonymous.get("auth/oauth/mock/callback?code=abc&state=" + UUID.randomUUID()).status()).isEqualTo(400);
        assertThat(anonymous.get("auth/oauth/mock/callback?code=abc").status()).isEqualTo(400);
    }

    @Test
    void anIdTokenWhoseNonceIsNotThisLoginsIsRefused() throws Exception {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        issueIdToken("sub-" + UUID.randomUUID(), member.email(), true);
        URI callback = follow(authorize("mock", tenant.slug(), APP));
        // The provider bound its ID token to the nonce it was sent; the login now expects another.
        tenants.inTenant(tenant.id(), () -> jdbc.sql("update sso_states set nonce = 'a-different-nonce'").update());

        HttpResponse<String> response = get(callback);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Api.parse(response.body()).get("detail").asString()).contains("nonce");
        assertThat(auditActions(tenant)).contains("auth.login_failed");
    }

    @Test
    void anIdTokenForAnotherClientIsRefused() throws Exception {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        // Claims of the callback override the provider's defaults, so the ID token's aud is another client's.
        OIDC.enqueueCallback(new DefaultOAuth2TokenCallback("default", "sub-" + UUID.randomUUID(), "JWT", List.of("another-client"),
                Map.of("email", member.email(), "email_verified", true, "aud", List.of("another-client")), 3600));

        HttpResponse<String> response = get(follow(authorize("mock", tenant.slug(), APP)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    }

    @Test
    void unknownProvidersTenantsAndRedirectTargetsAreRefused() {
        TestTenant tenant = newTenant();

        assertThat(anonymous.get("auth/oauth/nope/authorize?tenant=" + tenant.slug() + "&redirectUri=" + APP).status()).isEqualTo(404);
        assertThat(anonymous.get("auth/oauth/nope/callback?code=a&state=b").status()).isEqualTo(404);
        assertThat(anonymous.get("auth/oauth/mock/authorize?tenant=no-such-tenant-" + UUID.randomUUID() + "&redirectUri=" + APP).status())
                .isEqualTo(404);
        assertThat(anonymous.get("auth/oauth/mock/authorize?redirectUri=" + APP).status()).isEqualTo(400);
        Api.Response foreign = anonymous.get("auth/oauth/mock/authorize?tenant=" + tenant.slug() + "&redirectUri=https://evil.example/steal");
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().at("/errors/0/pointer").asString()).isEqualTo("/redirectUri");
        assertThat(anonymous.get("auth/oauth/mock/authorize?tenant=" + tenant.slug()).status()).isEqualTo(400);
    }

    @Test
    void gitHubLoginUsesThePrimaryVerifiedEmailAndPkce() throws Exception {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        GITHUB.email.set(member.email());
        GITHUB.verified.set(true);

        URI providerAuthorize = authorize("github", tenant.slug(), APP);
        assertThat(query(providerAuthorize)).containsEntry("code_challenge_method", "S256").doesNotContainKey("nonce");
        URI app = follow(follow(providerAuthorize));
        Api.Response tokens = anonymous.post("auth/oauth/token", Api.object().put("code", query(app).get("code")));

        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        assertThat(anonymous.withToken(tokens.json().get("accessToken").asString()).get("me").json().at("/user/id").asString())
                .isEqualTo(member.id().toString());
        assertThat(GITHUB.pkceFailures).as("every token request proved its PKCE verifier").isEmpty();
    }

    @Test
    void gitHubLoginWithAnUnverifiedPrimaryEmailIsRefused() throws Exception {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        GITHUB.email.set(member.email());
        GITHUB.verified.set(false);

        assertThat(get(follow(authorize("github", tenant.slug(), APP))).statusCode()).isEqualTo(403);
    }

    /**
     * This class needs a context of its own (the providers are configured), and a context needs a
     * database of its own: the shared context's embedded PostgreSQL holds the default home. Added
     * first after the test's dynamic properties, so it wins over CastielTest's castiel.home.
     */
    static class OwnDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            try {
                java.nio.file.Path home = java.nio.file.Files.createTempDirectory("castiel-oauth-test-");
                home.toFile().deleteOnExit();
                context.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("oauthTestsHome", Map.of("castiel.home", home.toString())));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private static MockOAuth2Server startOidc() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start();
        return server;
    }

    private static void issueIdToken(String subject, String email, boolean verified) {
        OIDC.enqueueCallback(new DefaultOAuth2TokenCallback("default", subject, "JWT", List.of(CLIENT_ID),
                Map.of("email", email, "email_verified", verified, "name", "SSO Person"), 3600));
    }

    /** Our authorize endpoint: answers the provider's authorization URL and keeps the login cookie, as a browser would. */
    private URI authorize(String provider, String tenantSlug, String redirectUri) {
        Api.Response response = anonymous.get("auth/oauth/" + provider + "/authorize?tenant=" + tenantSlug + "&redirectUri=" + redirectUri);
        assertThat(response.status()).as(response.toString()).isEqualTo(302);
        String setCookie = response.header("Set-Cookie");
        assertThat(setCookie).startsWith("castiel_oauth_login=").contains("HttpOnly").contains("SameSite=Lax")
                .contains("Path=/api/v1/auth/oauth/");
        loginCookie = setCookie.substring(0, setCookie.indexOf(';'));
        return URI.create(response.header("Location"));
    }

    /** One browser hop: GET the URL, expect a redirect, answer where it points. */
    private URI follow(URI uri) throws Exception {
        HttpResponse<String> response = get(uri);
        assertThat(response.statusCode()).as(uri + " -> " + response.body()).isEqualTo(302);
        return URI.create(response.headers().firstValue("Location").orElseThrow());
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (loginCookie != null && uri.getPort() == port && uri.getPath().startsWith("/api/v1/auth/oauth/")) {
            request.header("Cookie", loginCookie);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> query(URI uri) {
        return form(uri.getRawQuery());
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded != null) {
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static void drainOidcRequests() {
        while (nextOidcRequest(10) != null) {
            // discard requests of earlier steps
        }
    }

    /** The oldest request the OIDC server received and nobody took yet, or null after the timeout. */
    private static RecordedRequest nextOidcRequest(long millis) {
        try {
            return OIDC.takeRequest(millis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String oidcTokenRequestBody() {
        RecordedRequest request;
        while ((request = nextOidcRequest(1000)) != null) {
            if ("POST".equals(request.getMethod()) && request.getPath().endsWith("/token")) {
                return request.getBody().readUtf8();
            }
        }
        throw new AssertionError("the server made no token request");
    }

    private List<String> auditActions(TestTenant tenant) {
        return tenants.inTenant(tenant.id(), () -> jdbc.sql("select action from audit_log where tenant_id = ? order by id")
                .param(tenant.id()).query(String.class).list());
    }

    /** GitHub's OAuth and user endpoints, served locally: authorize, access_token (with PKCE), /user, /user/emails. */
    private static final class GitHub {

        final HttpServer server;
        final AtomicReference<String> email = new AtomicReference<>();
        final AtomicBoolean verified = new AtomicBoolean();
        final Map<String, String> challenges = new ConcurrentHashMap<>();
        final List<String> pkceFailures = new java.util.concurrent.CopyOnWriteArrayList<>();

        GitHub() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/login/oauth/authorize", this::authorize);
            server.createContext("/login/oauth/access_token", this::token);
            server.createContext("/user", this::user);
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        private void authorize(HttpExchange exchange) throws IOException {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            String code = UUID.randomUUID().toString();
            challenges.put(code, query.get("code_challenge"));
            exchange.getResponseHeaders().add("Location", query.get("redirect_uri") + "?code=" + code + "&state=" + query.get("state"));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        }

        private void token(HttpExchange exchange) throws IOException {
            Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String challenge = challenges.remove(body.get("code"));
            boolean ok;
            try {
                ok = challenge != null && "gh-secret".equals(body.get("client_secret")) && challenge.equals(s256(body.get("code_verifier")));
            } catch (Exception e) {
                ok = false;
            }
            if (!ok) {
                pkceFailures.add(body.toString());
            }
            respond(exchange, ok ? "{\"access_token\":\"gho_test\",\"token_type\":\"bearer\"}" : "{\"error\":\"bad_verification_code\"}");
        }

        private void user(HttpExchange exchange) throws IOException {
            if (!"Bearer gho_test".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            if (exchange.getRequestURI().getPath().equals("/user/emails")) {
                respond(exchange, "[{\"email\":\"other@example.test\",\"primary\":false,\"verified\":true},"
                        + "{\"email\":\"" + email.get() + "\",\"primary\":true,\"verified\":" + verified.get() + "}]");
            } else {
                respond(exchange, "{\"id\":4242,\"login\":\"octocat\",\"name\":\"Octo Cat\"}");
            }
        }

        private static void respond(HttpExchange exchange, String json) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
