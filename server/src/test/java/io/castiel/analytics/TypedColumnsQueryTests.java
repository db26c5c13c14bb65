package io.castiel.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.castiel.platform.RecurringJob;
import io.castiel.shard.ShardAggregations;
import io.castiel.support.Api;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every analytics test again, with the shards' typed columns filled before each query, so that
 * the statement reads them (and the jsonb only for values not of their declared types): the
 * answers must be exactly those read from the jsonb. Plus what only typed columns have: schema
 * changes that leave stored values of another type, and links kept as relationships change.
 */
class TypedColumnsQueryTests extends AnalyticsQueryTests {

    private final RecurringJob typedColumns;

    TypedColumnsQueryTests(@Autowired ShardAggregations aggregations, @Autowired List<RecurringJob> jobs) {
        super(aggregations);
        this.typedColumns = jobs.stream().filter(job -> job.name().equals("shard-columns")).findFirst().orElseThrow();
    }

    @Override
    protected void beforeQuery() {
        typedColumns.run();
    }

    private String plan(TestTenant tenant, String body) {
        beforeQuery();
        Api.Response response = tenant.api().post("analytics/query/explain", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("plan").asString();
    }

    @Test
    void aFilledTypeIsReadFromItsTypedColumns() {
        TestTenant tenant = newTenant();
        bulk(tenant, "c_opportunity", opportunity("A", 100, "EUR", "won", "2026-01-10"));
        String body = """
                {"shardType": "c_opportunity", "where": ["currency:eq:EUR"], "groupBy": ["stage", "closeDate:month"],
                 "measures": [{"fn": "sum", "field": "amount"}]}""";

        assertThat(plan(tenant, body)).contains("shard_columns");
        assertThat(query(tenant.api(), body).at("/rows/0/3").decimalValue()).isEqualByComparingTo("100");
    }

    @Test
    void valuesLeftOfAnotherTypeByASchemaChangeAreReadFromTheJsonb() {
        TestTenant tenant = newTenant();
        ObjectNode schema = Api.object().put("type", "object");
        schema.putObject("properties").putObject("size").put("type", "string");
        assertThat(tenant.api().post("shard-types", Api.object().put("name", "parcel").set("schema", schema)).status()).isEqualTo(201);
        tenant.createShard("parcel", Api.object().put("size", "12"));
        tenant.createShard("parcel", Api.object().put("size", "big"));
        ObjectNode numeric = Api.object().put("type", "object");
        numeric.putObject("properties").putObject("size").put("type", "number");
        Api.Response changed = tenant.api().put("shard-types/parcel?force=true", Api.object().put("name", "parcel").set("schema", numeric));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        tenant.createShard("parcel", Api.object().put("size", 5));
        tenant.createShard("parcel", Api.object().put("size", 12));

        String sum = """
                {"shardType": "parcel", "measures": [{"fn": "count"}, {"fn": "sum", "field": "size"}, {"fn": "count", "field": "size"}]}""";
        assertThat(plan(tenant, sum)).contains("shard_columns");
        JsonNode total = query(tenant.api(), sum);
        assertThat(total.at("/rows/0/0").asLong()).isEqualTo(4);
        assertThat(total.at("/rows/0/1").decimalValue()).isEqualByComparingTo("17");
        assertThat(total.at("/rows/0/2").asLong()).isEqualTo(4);
        assertThat(total.at("/rows/0/3").asLong()).as("the two strings are skipped").isEqualTo(2);
        // eq matches a number and its string form, as GET /shards does; gte compares numbers only.
        assertThat(query(tenant.api(), """
                {"shardType": "parcel", "where": ["size:eq:12"], "measures": [{"fn": "count"}]}""").at("/rows/0/0").asLong()).isEqualTo(2);
        assertThat(query(tenant.api(), """
                {"shardType": "parcel", "where": ["size:gte:5"], "measures": [{"fn": "count"}]}""").at("/rows/0/0").asLong()).isEqualTo(2);
        assertThat(query(tenant.api(), """
                {"shardType": "parcel", "where": ["size:ne:12"], "measures": [{"fn": "count"}]}""").at("/rows/0/0").asLong()).isEqualTo(2);
        assertThat(query(tenant.api(), """
                {"shardType": "parcel", "groupBy": ["size"], "measures": [{"fn": "count"}]}""").get("rows"))
                .extracting(JsonNode::toString).containsExactly("[5,1]", "[12,1]", "[null,2]");
    }

    @Test
    void theLinkedShardIsTheOldestLiveOneAsLinksChange() {
        TestTenant tenant = newTenant();
        JsonNode first = tenant.createShard("c_account", Api.object().put("name", "First").put("industry", "Mining"));
        JsonNode second = tenant.createShard("c_account", Api.object().put("name", "Second").put("industry", "Retail"));
        JsonNode deal = tenant.createShard("c_opportunity", opportunity("Deal", 10, "EUR", "won", "2026-01-01"));
        String firstLink = tenant.link(first, deal, "has_opportunity");
        tenant.link(second, deal, "has_opportunity");
        String body = """
                {"shardType": "c_opportunity", "groupBy": ["related:has_opportunity:in.industry"], "measures": [{"fn": "count"}]}""";

        assertThat(plan(tenant, body)).contains("shard_columns");
        assertThat(query(tenant.api(), body).at("/rows/0/0").asString()).isEqualTo("Mining");

        assertThat(tenant.api().delete("shards/" + first.get("id").asString()).status()).isEqualTo(204);
        assertThat(query(tenant.api(), body).at("/rows/0/0").asString()).as("the deleted account gives way").isEqualTo("Retail");

        assertThat(tenant.api().post("shards/" + first.get("id").asString() + "/restore", null).status()).isEqualTo(200);
        assertThat(query(tenant.api(), body).at("/rows/0/0").asString()).isEqualTo("Mining");

        assertThat(tenant.api().delete("relationships/" + firstLink).status()).isEqualTo(204);
        assertThat(query(tenant.api(), body).at("/rows/0/0").asString()).isEqualTo("Retail");

        tenant.api().patch("shards/" + second.get("id").asString(), "{\"structuredData\": {\"industry\": \"Energy\"}}");
        assertThat(query(tenant.api(), body).at("/rows/0/0").asString()).as("the linked shard's change shows at once").isEqualTo("Energy");
    }
}
