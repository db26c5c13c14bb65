package io.castiel.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * No N+1: nested fields load in batches, so a page of shards with their related shards,
 * relationships and creators costs the same few statements for 10 shards as for 100 (the page
 * itself two: its type's typed columns, then the shards). Statements
 * that only open a tenant's transaction ({@code set_config}) and authentication's session check
 * are not the query's and are not counted. The counter needs a context of its own, hence a
 * database of its own (closed after this class).
 */
@Import(StatementCounter.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ContextConfiguration(initializers = StatementCounter.OwnDatabase.class)
class BatchLoadingTests extends CastielTest {

    private static final String NESTED = """
            query($first: Int) { shards(type: "c_account", first: $first) { edges { node { id structuredData createdBy { email }
              related(type: "has_contact") { id structuredData createdBy { name } }
              relationships { id type source { id } target { id } } } } } }""";

    @Autowired
    private StatementCounter counter;

    @Test
    void hundredShardsWithTheirGraphTakeAtMostSevenQueries() {
        TestTenant tenant = newTenant();
        ArrayNode accounts = Api.object().arrayNode();
        for (int i = 0; i < 100; i++) {
            accounts.add(Api.object().put("shardType", "c_account").set("structuredData", Api.object().put("name", "Account " + i)));
        }
        List<String> ids = new ArrayList<>();
        tenant.api().post("shards/bulk", Api.object().set("items", accounts)).json().get("results")
                .forEach(result -> ids.add(result.get("id").asString()));
        for (String id : ids) {
            JsonNode contact = tenant.createShard("c_contact", Api.object().put("lastName", "Contact of " + id));
            tenant.link(Api.object().put("id", id), contact, "has_contact");
        }

        List<String> hundred = queries(tenant, "hundred", 100);
        List<String> ten = queries(tenant, "ten", 10);

        assertThat(hundred).as("statements for 100 shards: %s", hundred).hasSizeLessThanOrEqualTo(7).isNotEmpty();
        assertThat(hundred).hasSameSizeAs(ten);
    }

    private List<String> queries(TestTenant tenant, String label, int first) {
        Api.Response response = tenant.api().withHeader(StatementCounter.HEADER, label)
                .post("graphql", Api.object().put("query", NESTED).set("variables", Api.object().put("first", first)));
        JsonNode edges = response.json().at("/data/shards/edges");
        assertThat(response.json().path("errors").isMissingNode()).as(response.text()).isTrue();
        assertThat(edges.size()).isEqualTo(first);
        edges.forEach(edge -> {
            assertThat(edge.at("/node/related").size()).isEqualTo(1);
            assertThat(edge.at("/node/relationships").size()).isEqualTo(1);
            assertThat(edge.at("/node/createdBy/email").asString()).isEqualTo(tenant.ownerEmail());
        });
        // Authentication's (cached) revocation check is the filter chain's, not the query's.
        return counter.statements(label).stream().filter(sql -> !sql.contains("set_config(") && !sql.contains("session_family_revoked"))
                .toList();
    }
}
