package io.castiel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;

/**
 * Browser-facing protections on every answer: a Content-Security-Policy that allows nothing for
 * API answers and only this origin's own files for pages, no framing, no referrer, no MIME
 * sniffing, HSTS on secure requests, no server version and no cookies.
 */
class SecurityHeadersTests extends CastielTest {

    private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    @Test
    void apiAnswersCarryTheStrictHeaders() {
        TestTenant tenant = newTenant();

        for (Api.Response response : List.of(tenant.api().get("me"), tenant.api().get("shards/" + UUID.randomUUID()), anonymous.get("me"),
                anonymous.get("/health"))) {
            assertThat(response.header("Content-Security-Policy")).as(response.toString()).isEqualTo(API_POLICY);
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.header("Server")).isNull();
            assertThat(response.header("Set-Cookie")).isNull();
        }
    }

    @Test
    void hstsIsSentOnlyOnSecureRequests() {
        Api.Response plain = anonymous.get("/health");
        Api.Response behindTls = anonymous.withHeader("X-Forwarded-Proto", "https").get("/health");

        assertThat(plain.header("Strict-Transport-Security")).isNull();
        assertThat(behindTls.header("Strict-Transport-Security")).isEqualTo("max-age=31536000 ; includeSubDomains");
    }

    @Test
    void signingInSetsNoCookies() {
        TestTenant tenant = newTenant();

        Api.Response login = anonymous.post("auth/login", Api.object().put("email", tenant.ownerEmail()).put("password", TestTenant.PASSWORD));
        Api.Response refresh = anonymous.post("auth/refresh", Api.object().put("refreshToken", tenant.refreshToken()));

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.headers().keySet()).noneMatch(name -> name.equalsIgnoreCase("Set-Cookie"));
        assertThat(refresh.headers().keySet()).noneMatch(name -> name.equalsIgnoreCase("Set-Cookie"));
    }

    /** Swagger UI still works under its policy: no inline script, and every script and stylesheet it names is served from here. */
    @Test
    void swaggerUiLoadsUnderThePagePolicy() {
        Api.Response page = anonymous.get("/swagger-ui/index.html");

        assertThat(page.status()).isEqualTo(200);
        String policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "base-uri 'none'",
                "form-action 'self'", "img-src 'self' data:");
        assertThat(policy).doesNotContain("'unsafe-eval'");
        assertThat(policy.replaceAll(".*script-src ([^;]*);.*", "$1")).doesNotContain("unsafe-inline");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        Matcher inline = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>\\s*\\S", Pattern.CASE_INSENSITIVE).matcher(page.text());
        assertThat(inline.find()).as("inline script in %s", page.text()).isFalse();

        List<String> assets = new ArrayList<>();
        Matcher references = Pattern.compile("(?:src|href)=\"([^\"]+\\.(?:js|css))\"").matcher(page.text());
        while (references.find()) {
            assets.add(references.group(1));
        }
        assertThat(assets).anyMatch(asset -> asset.contains("swagger-ui-bundle.js")).anyMatch(asset -> asset.endsWith(".css"))
                .anyMatch(asset -> asset.contains("swagger-initializer.js"));
        for (String asset : assets) {
            assertThat(asset).as("loaded from this origin").doesNotStartWith("http").doesNotStartWith("//");
            Api.Response file = anonymous.get("/swagger-ui/" + asset.replaceFirst("^\\./", ""));
            assertThat(file.status()).as(asset).isEqualTo(200);
        }
        String initializer = anonymous.get("/swagger-ui/swagger-initializer.js").text();
        assertThat(initializer).contains("/api/v1/openapi.json");
    }
}
