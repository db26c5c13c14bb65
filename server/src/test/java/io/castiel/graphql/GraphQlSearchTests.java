package io.castiel.graphql;

import static io.castiel.search.Embeddings.awaitReady;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** search, ask and similar through GraphQL: the search service's answers, its permissions, and shards whose nested fields resolve. */
class GraphQlSearchTests extends CastielTest {

    @Test
    void searchAskAndSimilarAnswerFromTheCallersShardsOnly() {
        TestTenant tenant = newTenant();
        TestTenant other = newTenant();
        JsonNode outage = note(tenant, "Warehouse outage", "The cold storage warehouse lost power overnight and the freezers failed.");
        JsonNode pricing = note(tenant, "Pricing call", "We agreed a ten percent discount on the annual licence renewal.");
        JsonNode foreign = note(other, "Warehouse outage", "The cold storage warehouse lost power overnight and the freezers failed.");
        List.of(outage, pricing).forEach(n -> awaitReady(tenant.api(), n));
        awaitReady(other.api(), foreign);
        HttpGraphQlTester graphQl = GraphQlClient.as(port, tenant.api().token());

        graphQl.document("{ search(query: \"freezers power\", mode: KEYWORD) { score shard { id shardType createdBy { id } } } }")
                .execute()
                .path("search[*].shard.id").entityList(String.class).containsExactly(outage.get("id").asString())
                .path("search[0].shard.createdBy.id").entity(String.class).isEqualTo(tenant.ownerId().toString());
        graphQl.document("{ search(query: \"refrigeration stopped when electricity went out\") { shard { id } highlights } }")
                .execute()
                .path("search[0].shard.id").entity(String.class).isEqualTo(outage.get("id").asString());
        graphQl.document("{ ask(question: \"What happened to the freezers?\") { mode citations { shardId } } }")
                .execute()
                .path("ask.mode").entity(String.class).isEqualTo("extractive")
                .path("ask.citations[*].shardId").entityList(String.class).contains(outage.get("id").asString())
                .doesNotContain(foreign.get("id").asString());
        graphQl.document("{ similar(id: \"" + outage.get("id").asString() + "\") { shard { id } } }")
                .execute()
                .path("similar[*].shard.id").entityList(String.class).containsExactly(pricing.get("id").asString());
        graphQl.document("{ similar(id: \"" + foreign.get("id").asString() + "\") { shard { id } } }")
                .execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(error -> assertThat(error.getExtensions().get("code")).isEqualTo("NOT_FOUND")));
        graphQl.document("{ search(query: \"   \") { shard { id } } }")
                .execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(error -> assertThat(error.getExtensions().get("code")).isEqualTo("VALIDATION")));
    }

    private static JsonNode note(TestTenant tenant, String title, String text) {
        Api.Response response = tenant.api().post("shards", Api.object().put("shardType", "c_note")
                .<ObjectNode>set("structuredData", Api.object().put("title", title))
                .set("unstructuredData", Api.object().put("text", text)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }
}
