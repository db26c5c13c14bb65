package io.castiel.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;

/**
 * The single-page app from the API's origin (a stand-in build in src/test/resources/webapp): deep
 * links answer index.html, hashed assets are cached for good, and the API's own paths never turn
 * into the app.
 */
class WebAppTests extends CastielTest {

    private static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    private Api browser() {
        return anonymous.withHeader("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    }

    @Test
    void deepLinksAnswerIndexHtmlRevalidatedAndUnderTheStrictPolicy() {
        for (String path : List.of("/", "/shards/123", "/accept-invitation?token=abc.def", "/reset-password", "/verify-email?token=x",
                "/notifications", "/dashboards/x")) {
            Api.Response page = browser().get(path);

            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.contentType()).as(path).startsWith("text/html");
            assertThat(page.text()).as(path).contains("Castiel (test app)");
            assertThat(page.header("Cache-Control")).as(path).isEqualTo("no-cache");
            assertThat(page.header("Content-Security-Policy")).as(path).isEqualTo(PAGE_POLICY);
            assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        }
    }

    @Test
    void headOfADeepLinkIsAnsweredLikeItsGet() {
        Api.Response head = browser().raw("HEAD", "/shards/123", null, null);

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.contentType()).startsWith("text/html");
        assertThat(head.header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void hashedAssetsAreCachedForAYearAsImmutable() {
        Api.Response asset = anonymous.get("/assets/app-abc123.js");

        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.contentType()).contains("javascript");
        assertThat(asset.text()).contains("castiel test app");
        assertThat(directives(asset.header("Cache-Control"))).containsExactlyInAnyOrder("public", "max-age=31536000", "immutable");
        assertThat(asset.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void assetsCompressedAtBuildTimeAreServedToBrowsersThatAcceptThem() throws Exception {
        long gzipped = new org.springframework.core.io.ClassPathResource("webapp/assets/app-abc123.js.gz").contentLength();

        Api.Response compressed = anonymous.withHeader("Accept-Encoding", "gzip, deflate").get("/assets/app-abc123.js");
        Api.Response plain = anonymous.withHeader("Accept-Encoding", "identity").get("/assets/app-abc123.js");

        assertThat(compressed.status()).isEqualTo(200);
        assertThat(compressed.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(compressed.header("Content-Length")).isEqualTo(String.valueOf(gzipped));
        assertThat(compressed.contentType()).contains("javascript");
        assertThat(compressed.header("Vary")).contains("Accept-Encoding");
        assertThat(directives(compressed.header("Cache-Control"))).contains("immutable");
        assertThat(plain.header("Content-Encoding")).isNull();
        assertThat(plain.text()).contains("castiel test app");
    }

    @Test
    void aMissingAssetIsA404NotThePage() {
        Api.Response missing = browser().get("/assets/app-gone99.js");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text()).doesNotContain("Castiel (test app)");
    }

    @Test
    void unhashedRootFilesAreRevalidated() {
        Api.Response robots = anonymous.get("/robots.txt");

        assertThat(robots.status()).isEqualTo(200);
        assertThat(robots.contentType()).startsWith("text/plain");
        assertThat(robots.header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void unknownApiPathsStayProblemJson404s() {
        TestTenant tenant = newTenant();
        Api signedIn = tenant.api().withHeader("Accept", "text/html,*/*;q=0.8");

        Api.Response api = signedIn.get("/api/v1/does-not-exist");

        assertThat(api.status()).isEqualTo(404);
        assertThat(api.contentType()).startsWith("application/problem+json");
        assertThat(api.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
        for (String path : List.of("/api/v2/shards", "/api", "/actuator/nothing", "/healthz", "/graphiql/x", "/.well-known/nothing")) {
            Api.Response response = browser().get(path);

            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.text()).as(path).doesNotContain("Castiel (test app)");
        }
        assertThat(browser().get("/ws").text()).doesNotContain("Castiel (test app)");
    }

    @Test
    void onlyPageLoadsGetTheApp() {
        Api.Response post = browser().raw("POST", "/shards/123", "{}", "application/json");
        Api.Response json = anonymous.withHeader("Accept", "application/json").get("/shards/123");
        Api.Response image = browser().get("/logo.png");

        assertThat(post.status()).isIn(404, 405);
        assertThat(post.text()).doesNotContain("Castiel (test app)");
        assertThat(json.status()).isEqualTo(404);
        assertThat(json.text()).doesNotContain("Castiel (test app)");
        assertThat(image.status()).isEqualTo(404);
    }

    @Test
    void theApiAndServerPagesKeepWorkingBesideTheApp() {
        TestTenant tenant = newTenant();

        assertThat(tenant.api().get("me").status()).isEqualTo(200);
        assertThat(anonymous.get("/health").json().get("status").asString()).isEqualTo("UP");
        assertThat(anonymous.get("/api/v1/openapi.json").status()).isEqualTo(200);
        assertThat(browser().get("/swagger-ui/index.html").text()).doesNotContain("Castiel (test app)");
        assertThat(anonymous.get("/.well-known/jwks.json").status()).isEqualTo(200);
        assertThat(anonymous.get("me").status()).isEqualTo(401);
    }

    private static List<String> directives(String cacheControl) {
        return Arrays.stream(cacheControl.split(",")).map(String::trim).toList();
    }
}
