package io.castiel.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /graphql}, the path API.md names, is the same endpoint as {@code POST /api/v1/graphql}:
 * same answers, same authentication, same rate limits, same document and body limits.
 */
class RootGraphQlPathTests extends CastielTest {

    private static final String ROOT = "/graphql";
    private static final String VERSIONED = "/api/v1/graphql";

    @Test
    void answersAQueryAsTheVersionedPathDoes() {
        TestTenant tenant = newTenant();
        Api.Response root = tenant.api().post(ROOT, Api.object().put("query", "{ me { user { id } } }"));
        Api.Response versioned = tenant.api().post(VERSIONED, Api.object().put("query", "{ me { user { id } } }"));

        assertThat(root.status()).as(root.toString()).isEqualTo(200);
        assertThat(root.json().at("/data/me/user/id").asString()).isEqualTo(tenant.ownerId().toString());
        assertThat(root.json()).isEqualTo(versioned.json());
        assertThat(root.header("RateLimit-Limit")).as("counted against the rate limits").isNotNull();
        assertThat(root.header("RateLimit-Remaining")).isNotNull();
    }

    @Test
    void refusesAnUnauthenticatedRequestLikeTheVersionedPath() {
        Api.Response root = anonymous.post(ROOT, Api.object().put("query", "{ me { user { id } } }"));
        Api.Response versioned = anonymous.post(VERSIONED, Api.object().put("query", "{ me { user { id } } }"));
        Api.Response forged = anonymous.withToken("not-a-token").post(ROOT, Api.object().put("query", "{ me { user { id } } }"));

        assertThat(root.status()).isEqualTo(401);
        assertThat(root.contentType()).startsWith("application/problem+json");
        assertThat(root.json().get("detail")).isEqualTo(versioned.json().get("detail"));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.contentType()).startsWith("application/problem+json");
    }

    @Test
    void enforcesTheDocumentLimits() {
        TestTenant tenant = newTenant();
        String deep = "{ shards { edges { node { " + "related { ".repeat(10) + "id" + " }".repeat(10) + " } } } }";
        Api.Response response = tenant.api().post(ROOT, Api.object().put("query", deep));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("data").isMissingNode() || body.path("data").isNull()).as(response.text()).isTrue();
        assertThat(body.at("/errors/0/extensions/code").asString()).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(body.at("/errors/0/message").asString()).contains("levels deep");
    }

    @Test
    void enforcesTheRequestBodyLimit() {
        TestTenant tenant = newTenant();
        String huge = "{ me { user { id } } }" + " ".repeat(1_100_000);
        Api.Response response = tenant.api().post(ROOT, Api.object().put("query", huge));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
