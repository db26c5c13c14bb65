package io.castiel.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * Documents built to exhaust the server are refused before they run, as GraphQL-over-HTTP says:
 * HTTP 200 with {@code errors} (each with {@code extensions.code}) and no {@code data}.
 */
class HostileQueryTests extends CastielTest {

    private JsonNode refused(TestTenant tenant, String document) {
        Api.Response response = tenant.api().post("graphql", Api.object().put("query", document));
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("data").isMissingNode() || body.path("data").isNull()).as(response.text()).isTrue();
        assertThat(body.path("errors").size()).as(response.text()).isPositive();
        return body.path("errors").get(0);
    }

    @Test
    void deepNestingIsRefused() {
        TestTenant tenant = newTenant();
        String deep = "{ shards { edges { node { " + "related { ".repeat(10) + "id" + " }".repeat(10) + " } } } }";
        JsonNode error = refused(tenant, deep);
        assertThat(error.at("/extensions/code").asString()).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(error.get("message").asString()).contains("levels deep");
    }

    @Test
    void nestingWithinTheLimitRuns() {
        TestTenant tenant = newTenant();
        String allowed = "{ shards(first: 2) { edges { node { " + "related(first: 2) { ".repeat(5) + "id" + " }".repeat(5) + " } } } }";
        Api.Response response = tenant.api().post("graphql", Api.object().put("query", allowed));
        assertThat(response.json().path("errors").isMissingNode()).as(response.text()).isTrue();
    }

    @Test
    void theStandardIntrospectionQueryRuns() {
        TestTenant tenant = newTenant();
        Api.Response response = tenant.api().post("graphql", Api.object().put("query", graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY));
        assertThat(response.json().path("errors").isMissingNode()).as(response.text()).isTrue();
        assertThat(response.json().at("/data/__schema/queryType/name").asString()).isEqualTo("Query");
    }

    @Test
    void aliasFloodingIsRefused() {
        TestTenant tenant = newTenant();
        StringBuilder flood = new StringBuilder("{");
        for (int i = 0; i < 2_000; i++) {
            flood.append(" a").append(i).append(": __typename");
        }
        JsonNode error = refused(tenant, flood.append(" }").toString());
        assertThat(error.at("/extensions/code").asString()).isEqualTo("QUERY_TOO_COMPLEX");
    }

    @Test
    void fragmentCycleIsRefused() {
        TestTenant tenant = newTenant();
        String cycle = "{ shards { edges { node { ...A } } } } fragment A on Shard { related { ...B } } fragment B on Shard { related { ...A } }";
        JsonNode error = refused(tenant, cycle);
        assertThat(error.at("/extensions/code").asString()).isEqualTo("GRAPHQL_VALIDATION_FAILED");
    }

    @Test
    void hugeDocumentIsRefusedByTheParser() {
        TestTenant tenant = newTenant();
        String huge = "{ shards(where: [" + "\"a:eq:b\", ".repeat(6_000) + "]) { edges { cursor } } }";
        JsonNode error = refused(tenant, huge);
        assertThat(error.at("/extensions/code").asString()).isEqualTo("QUERY_TOO_COMPLEX");
    }

    @Test
    void pagesTooLargeForTheComplexityLimitAreRefused() {
        TestTenant tenant = newTenant();
        JsonNode error = refused(tenant, "{ shards(first: 500) { edges { node { related(first: 500) { related(first: 500) { id } } } } } }");
        assertThat(error.at("/extensions/code").asString()).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(error.get("message").asString()).contains("complexity");
    }

    @Test
    void syntaxErrorsSayWhere() {
        TestTenant tenant = newTenant();
        JsonNode error = refused(tenant, "{ shards { edges { node { id } }");
        assertThat(error.at("/extensions/code").asString()).isEqualTo("GRAPHQL_PARSE_FAILED");
    }
}
