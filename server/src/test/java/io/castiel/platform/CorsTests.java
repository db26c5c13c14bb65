package io.castiel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;

/** Cross-origin calls from the configured allow-list only (the test configuration allows https://app.castiel.test). */
class CorsTests extends CastielTest {

    private static final String ALLOWED = "https://app.castiel.test";

    @Test
    void aPreflightFromAnAllowedOriginIsAnswered() {
        Api.Response preflight = anonymous.withHeader("Origin", ALLOWED).withHeader("Access-Control-Request-Method", "PATCH")
                .withHeader("Access-Control-Request-Headers", "authorization, content-type, if-match, idempotency-key")
                .raw("OPTIONS", "shards/0193a1d2-0000-7000-8000-000000000000", null, null);

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("GET", "POST", "PUT", "PATCH", "DELETE");
        assertThat(preflight.header("Access-Control-Allow-Headers").toLowerCase())
                .contains("authorization", "content-type", "if-match", "idempotency-key");
        assertThat(preflight.header("Access-Control-Max-Age")).isEqualTo("3600");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void anAllowedOriginCanReadTheHeadersClientsNeed() {
        TestTenant tenant = newTenant();

        Api.Response response = tenant.api().withHeader("Origin", ALLOWED).get("me");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(response.header("Access-Control-Expose-Headers")).contains("ETag", "Location", "RateLimit-Limit", "RateLimit-Remaining",
                "RateLimit-Reset", "Retry-After");
    }

    @Test
    void anotherOriginGetsNoCorsHeadersAndA403() {
        TestTenant tenant = newTenant();

        Api.Response preflight = anonymous.withHeader("Origin", "https://evil.example").withHeader("Access-Control-Request-Method", "POST")
                .raw("OPTIONS", "shards", null, null);
        Api.Response request = tenant.api().withHeader("Origin", "https://evil.example").get("me");

        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(preflight.contentType()).startsWith("application/problem+json");
        assertThat(request.status()).isEqualTo(403);
        assertThat(request.header("Access-Control-Allow-Origin")).isNull();
        assertThat(request.json().get("status").asInt()).isEqualTo(403);
    }

    @Test
    void sameOriginRequestsNeedNoAllowList() {
        TestTenant tenant = newTenant();

        Api.Response response = tenant.api().withHeader("Origin", "http://localhost:" + port).get("me");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }
}
