package io.castiel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document is public, describes the API, and describes nothing the server does not serve. */
class OpenApiTests extends CastielTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @Test
    void openApiDocumentIsPublicJson() {
        Api.Response response = anonymous.get("/api/v1/openapi.json");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode doc = response.json();
        assertThat(doc.path("openapi").asString()).startsWith("3.");
        assertThat(doc.path("paths").isObject()).isTrue();
    }

    @Test
    void openApiDocumentDescribesTheMainEndpoints() {
        JsonNode paths = anonymous.get("/api/v1/openapi.json").json().get("paths");

        assertThat(paths.propertyNames()).contains(
                "/api/v1/shards",
                "/api/v1/shards/{id}",
                "/api/v1/shards/bulk",
                "/api/v1/shard-types",
                "/api/v1/relationships",
                "/api/v1/shards/{id}/graph",
                "/api/v1/audit-logs",
                "/api/v1/auth/login",
                "/api/v1/me");
        assertThat(paths.at("/~1api~1v1~1shards/get").isObject()).isTrue();
        assertThat(paths.at("/~1api~1v1~1shards/post").isObject()).isTrue();
        assertThat(paths.at("/~1api~1v1~1relationships/post").isObject()).isTrue();
        assertThat(paths.at("/~1api~1v1~1auth~1login/post").isObject()).isTrue();
    }

    @Test
    void openApiDocumentDescribesNoInternalPaths() {
        JsonNode paths = anonymous.get("/api/v1/openapi.json").json().get("paths");

        assertThat(paths.propertyNames()).noneMatch(path -> path.equals("/error") || path.startsWith("/error/"));
        assertThat(paths.propertyNames()).noneMatch(path -> path.startsWith("/actuator"));
    }

    /** /error is covered by {@link #openApiDocumentDescribesNoInternalPaths()}. */
    @Test
    void everyDocumentedOperationIsServed() {
        TestTenant tenant = newTenant();
        JsonNode paths = anonymous.get("/api/v1/openapi.json").json().get("paths");
        Api.Response unrouted = tenant.api().get("/api/v1/definitely-not-a-route-" + UUID.randomUUID());
        assertThat(unrouted.status()).isEqualTo(404);
        assertThat(isUnrouted(unrouted)).as("the check recognises an unrouted path: %s", unrouted).isTrue();

        List<String> unserved = new ArrayList<>();
        for (String path : paths.propertyNames()) {
            if (path.equals("/error")) {
                continue;
            }
            JsonNode item = paths.get(path);
            for (String method : item.propertyNames()) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                String concrete = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                Api.Response response = method.equals("get") || method.equals("delete")
                        ? tenant.api().raw(method.toUpperCase(), concrete, null, null)
                        : tenant.api().raw(method.toUpperCase(), concrete, "{}", "application/json");
                if (response.status() == 405 || isUnrouted(response) || response.status() >= 500) {
                    unserved.add(method.toUpperCase() + " " + path + " -> " + response);
                }
            }
        }

        assertThat(unserved).as("documented operations the server does not serve").isEmpty();
    }

    @Test
    void swaggerUiServesAnHtmlPage() throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/swagger-ui.html"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(response.body()).containsIgnoringCase("<html").containsIgnoringCase("swagger");
    }

    /** Spring's answer for a path no handler maps (as opposed to a handler's own 404 for an unknown id). */
    private static boolean isUnrouted(Api.Response response) {
        if (response.status() != 404) {
            return false;
        }
        String detail = response.json().path("detail").asString("");
        return detail.startsWith("No static resource") || detail.startsWith("No endpoint") || detail.startsWith("No handler");
    }
}
