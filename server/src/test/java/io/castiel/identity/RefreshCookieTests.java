package io.castiel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * Cookie mode (the web app): the refresh token as an HttpOnly, Secure, SameSite=Strict cookie on
 * the auth paths instead of in the body; refresh and logout use it only with the anti-CSRF header
 * and from this origin. Without the mode header, the body-token API is untouched.
 */
class RefreshCookieTests extends CastielTest {

    private static final Pattern COOKIE = Pattern.compile(
            "castiel_refresh=(rt_[^;]+); Path=/api/v1/auth; HttpOnly; Secure; SameSite=Strict; Max-Age=(\\d+)");
    private static final String CLEARED = "castiel_refresh=; Path=/api/v1/auth; HttpOnly; Secure; SameSite=Strict; Max-Age=0";
    private static final long SEVEN_DAYS = 7 * 24 * 3600;

    @Test
    void loginInCookieModeSetsTheCookieAndLeavesTheRefreshTokenOutOfTheBody() {
        TestTenant tenant = newTenant();

        Api.Response login = cookieMode().post("auth/login", credentials(tenant));

        assertThat(login.status()).isEqualTo(200);
        Matcher cookie = cookieOf(login);
        assertThat(Long.parseLong(cookie.group(2))).isBetween(SEVEN_DAYS - 60, SEVEN_DAYS);
        assertThat(login.json().has("refreshToken")).isFalse();
        assertThat(login.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(login.json().get("expiresIn").asInt()).isEqualTo(900);
        assertThat(anonymous.withToken(login.json().get("accessToken").asString()).get("me").status()).isEqualTo(200);
    }

    @Test
    void registerInCookieModeSetsTheCookieToo() {
        Api.Response register = cookieMode().post("auth/register", Api.object().put("tenantName", "Cookie Co")
                .put("email", "cookie-" + System.nanoTime() + "@example.test").put("password", TestTenant.PASSWORD).put("name", "C"));

        assertThat(register.status()).isEqualTo(201);
        cookieOf(register);
        assertThat(register.json().has("refreshToken")).isFalse();
        assertThat(register.json().at("/tenant/slug").asString()).startsWith("cookie-co");
    }

    @Test
    void refreshWithTheCookieAndTheCsrfHeaderRotatesTheCookie() {
        String first = signInWithCookie();

        Api.Response refresh = withCookie(first).withHeader("X-Castiel-CSRF", "1").withHeader("Origin", "http://localhost:" + port)
                .raw("POST", "auth/refresh", null, null);

        assertThat(refresh.status()).isEqualTo(200);
        String second = cookieOf(refresh).group(1);
        assertThat(second).isNotEqualTo(first);
        assertThat(refresh.json().has("refreshToken")).isFalse();
        assertThat(anonymous.withToken(refresh.json().get("accessToken").asString()).get("me").status()).isEqualTo(200);
        Api.Response again = withCookie(second).withHeader("X-Castiel-CSRF", "1").post("auth/refresh", Api.object());
        assertThat(again.status()).isEqualTo(200);
    }

    @Test
    void theCookieWithoutTheCsrfHeaderIsRefused() {
        String cookie = signInWithCookie();

        Api.Response refresh = withCookie(cookie).raw("POST", "auth/refresh", null, null);
        Api.Response logout = withCookie(cookie).raw("POST", "auth/logout", null, null);

        assertThat(refresh.status()).isEqualTo(403);
        assertThat(refresh.contentType()).startsWith("application/problem+json");
        assertThat(logout.status()).isEqualTo(403);
        assertThat(withCookie(cookie).withHeader("X-Castiel-CSRF", "1").raw("POST", "auth/refresh", null, null).status()).isEqualTo(200);
    }

    @Test
    void theCookieFromAForeignOriginIsRefused() {
        String cookie = signInWithCookie();

        Api.Response refresh = withCookie(cookie).withHeader("X-Castiel-CSRF", "1").withHeader("Origin", "https://evil.example")
                .raw("POST", "auth/refresh", null, null);

        assertThat(refresh.status()).isEqualTo(403);
        assertThat(refresh.contentType()).startsWith("application/problem+json");
        assertThat(refresh.header("Set-Cookie")).isNull();
    }

    @Test
    void logoutWithTheCookieRevokesTheSessionAndClearsTheCookie() {
        String cookie = signInWithCookie();

        Api.Response logout = withCookie(cookie).withHeader("X-Castiel-CSRF", "1").raw("POST", "auth/logout", null, null);

        assertThat(logout.status()).isEqualTo(204);
        assertThat(logout.header("Set-Cookie")).isEqualTo(CLEARED);
        Api.Response refresh = withCookie(cookie).withHeader("X-Castiel-CSRF", "1").raw("POST", "auth/refresh", null, null);
        assertThat(refresh.status()).isEqualTo(401);
        assertThat(refresh.header("Set-Cookie")).isEqualTo(CLEARED);
    }

    @Test
    void aSpentCookieRevokesTheSessionAndIsCleared() {
        String first = signInWithCookie();
        Api.Response rotated = withCookie(first).withHeader("X-Castiel-CSRF", "1").raw("POST", "auth/refresh", null, null);
        String second = cookieOf(rotated).group(1);

        Api.Response replay = withCookie(first).withHeader("X-Castiel-CSRF", "1").raw("POST", "auth/refresh", null, null);

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.contentType()).startsWith("application/problem+json");
        assertThat(replay.header("Set-Cookie")).isEqualTo(CLEARED);
        assertThat(withCookie(second).withHeader("X-Castiel-CSRF", "1").raw("POST", "auth/refresh", null, null).status()).isEqualTo(401);
    }

    @Test
    void theBodyTokenApiIsUnchanged() {
        TestTenant tenant = newTenant();
        String cookie = signInWithCookie();

        Api.Response login = anonymous.post("auth/login", credentials(tenant));
        // A token in the body wins over a cookie, and answers in the body as API.md says.
        Api.Response refresh = withCookie(cookie).post("auth/refresh", Api.object().put("refreshToken", login.json().get("refreshToken").asString()));
        Api.Response noBody = anonymous.raw("POST", "auth/refresh", null, null);
        Api.Response logout = anonymous.post("auth/logout", Api.object().put("refreshToken", refresh.json().get("refreshToken").asString()));

        assertThat(login.json().get("refreshToken").asString()).startsWith("rt_");
        assertThat(login.header("Set-Cookie")).isNull();
        assertThat(refresh.status()).isEqualTo(200);
        assertThat(refresh.json().get("refreshToken").asString()).startsWith("rt_");
        assertThat(refresh.header("Set-Cookie")).isNull();
        assertThat(noBody.status()).isEqualTo(401);
        assertThat(logout.status()).isEqualTo(204);
        assertThat(logout.header("Set-Cookie")).isNull();
    }

    @Test
    void aRefreshWithNeitherABodyTokenNorTheCookieIsUnauthenticated() {
        // What the web app sends at startup in a browser that was never signed in.
        Api.Response noBody = anonymous.withHeader("X-Castiel-Refresh-Cookie", "true").withHeader("X-Castiel-CSRF", "1")
                .raw("POST", "auth/refresh", null, null);
        Api.Response emptyBody = anonymous.post("auth/refresh", Api.object());

        assertThat(noBody.status()).isEqualTo(401);
        assertThat(noBody.contentType()).startsWith("application/problem+json");
        assertThat(noBody.json().get("detail").asString()).contains("No refresh token");
        assertThat(noBody.header("Set-Cookie")).isNull();
        assertThat(emptyBody.status()).isEqualTo(401);
        assertThat(emptyBody.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theOpenApiDocumentNamesTheHeaders() {
        JsonNode refresh = anonymous.get("/api/v1/openapi.json").json().at("/paths/~1api~1v1~1auth~1refresh/post/parameters");

        assertThat(refresh.findValuesAsString("name")).contains("X-Castiel-Refresh-Cookie", "X-Castiel-CSRF");
    }

    private Api cookieMode() {
        return anonymous.withHeader("X-Castiel-Refresh-Cookie", "true");
    }

    private Api withCookie(String token) {
        return anonymous.withHeader("Cookie", "castiel_refresh=" + token);
    }

    private String signInWithCookie() {
        TestTenant tenant = newTenant();
        return cookieOf(cookieMode().post("auth/login", credentials(tenant))).group(1);
    }

    private static JsonNode credentials(TestTenant tenant) {
        return Api.object().put("email", tenant.ownerEmail()).put("password", TestTenant.PASSWORD);
    }

    private static Matcher cookieOf(Api.Response response) {
        String header = response.header("Set-Cookie");
        assertThat(header).as(response.toString()).isNotNull();
        Matcher matcher = COOKIE.matcher(header);
        assertThat(matcher.matches()).as(header).isTrue();
        return matcher;
    }
}
