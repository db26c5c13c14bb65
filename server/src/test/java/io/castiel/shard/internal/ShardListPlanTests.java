package io.castiel.shard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.castiel.platform.RecurringJob;
import io.castiel.shard.ShardQuery;
import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lists of one type read their filters and order from the typed columns: PostgreSQL walks the
 * type's {@code (tenant, type, created_at)} index and filters the narrow rows until the page is
 * full; values left of another type by a schema change are still listed as their jsonb says.
 */
class ShardListPlanTests extends CastielTest {

    private static final String[] REGIONS = {"EU", "US", "APAC", "LATAM", "MEA"};

    private final ShardLists lists;
    private final RecurringJob typedColumns;

    ShardListPlanTests(@Autowired ShardLists lists, @Autowired List<RecurringJob> jobs) {
        this.lists = lists;
        this.typedColumns = jobs.stream().filter(job -> job.name().equals("shard-columns")).findFirst().orElseThrow();
    }

    @Test
    void aFilteredListOfDeclaredFieldsWalksTheTypedColumnsInListOrder() {
        TestTenant tenant = newTenant();
        createType(tenant, "vendor", """
                {"name": {"type": "string"}, "rating": {"type": "integer"}, "region": {"type": "string"}}""");
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (int n = 0; n < 500; n++) {
            items.addObject().put("shardType", "vendor").putObject("structuredData").put("name", "Vendor " + n)
                    .put("rating", 1 + n % 5).put("region", REGIONS[n / 5 % 5]);
        }
        Api.Response bulk = tenant.api().post("shards/bulk", Api.object().set("items", items));
        assertThat(bulk.status()).as(bulk.toString()).isEqualTo(200);
        jdbc.sql("select analyze_shard_columns()").query((rs, n) -> 1).list();

        // A filter most rows pass (whatever the other tests' rows make of the column's statistics):
        // the first rows in list order fill the page.
        String plan = tenants.inTenant(tenant.id(), () -> lists.explain(tenant.id(),
                new ShardQuery("vendor", null, null, null, List.of("rating:gte:1"), null, 5, null), alias -> ReadFilter.NONE));

        assertThat(plan).contains("Index Scan Backward using shard_columns_type_created on shard_columns c")
                .containsPattern("n1 >= '1'::numeric").doesNotContain("structured_data");
        List<JsonNode> page = items(tenant, "shards?type=vendor&limit=30&where=rating:gte:4&where=region:eq:EU");
        assertThat(page).hasSize(30).allSatisfy(shard -> {
            assertThat(shard.at("/structuredData/rating").asInt()).isGreaterThanOrEqualTo(4);
            assertThat(shard.at("/structuredData/region").asString()).isEqualTo("EU");
        });
        assertThat(page).extracting(shard -> java.time.Instant.parse(shard.get("createdAt").asString()))
                .as("newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void valuesOfAnotherTypeLeftByASchemaChangeAreFilteredAndSortedAsTheirJson() {
        TestTenant tenant = newTenant();
        createType(tenant, "parcel", "{\"size\": {\"type\": \"string\"}, \"label\": {\"type\": \"string\"}}");
        tenant.createShard("parcel", Api.object().put("size", "12").put("label", "a"));
        tenant.createShard("parcel", Api.object().put("size", "big").put("label", "b"));
        ObjectNode numeric = Api.object().put("type", "object");
        numeric.putObject("properties").putObject("size").put("type", "number");
        numeric.withObject("properties").putObject("label").put("type", "string");
        Api.Response changed = tenant.api().put("shard-types/parcel?force=true", Api.object().put("name", "parcel").set("schema", numeric));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        tenant.createShard("parcel", Api.object().put("size", 5).put("label", "c"));
        tenant.createShard("parcel", Api.object().put("size", 12).put("label", "d"));
        tenant.createShard("parcel", Api.object().put("label", "e"));
        typedColumns.run();

        String plan = tenants.inTenant(tenant.id(), () -> lists.explain(tenant.id(),
                new ShardQuery("parcel", null, null, null, List.of("size:eq:12"), null, 50, null), alias -> ReadFilter.NONE));
        assertThat(plan).as("typed columns, with the odd values' branch").contains("shard_columns").contains("Append");

        assertThat(labels(tenant, "where=size:eq:12&sort=structuredData.label")).containsExactly("a", "d");
        assertThat(labels(tenant, "where=size:gte:5&sort=structuredData.label")).containsExactly("c", "d");
        assertThat(labels(tenant, "where=size:ne:12&sort=structuredData.label")).containsExactly("b", "c", "e");
        assertThat(labels(tenant, "where=size:exists:true&sort=structuredData.label")).containsExactly("a", "b", "c", "d");
        assertThat(labels(tenant, "where=size:exists:false")).containsExactly("e");
        assertThat(labels(tenant, "where=size:contains:bi")).containsExactly("b");
        // jsonb order: missing (null), then strings, then numbers; one row a page, across both branches.
        assertThat(allLabels(tenant, "sort=structuredData.size")).containsExactly("e", "a", "b", "c", "d");
        assertThat(allLabels(tenant, "sort=-structuredData.size")).containsExactly("d", "c", "b", "a", "e");
        assertThat(allLabels(tenant, "sort=createdAt&where=size:in:12|big|5")).containsExactly("a", "b", "c", "d");
    }

    private static void createType(TestTenant tenant, String name, String properties) {
        Api.Response created = tenant.api().post("shard-types", Api.object().put("name", name)
                .set("schema", Api.parse("{\"type\": \"object\", \"properties\": " + properties + "}")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private static List<String> labels(TestTenant tenant, String query) {
        List<String> labels = new ArrayList<>();
        items(tenant, "shards?type=parcel&limit=50&" + encodeWhere(query)).forEach(s -> labels.add(s.at("/structuredData/label").asString()));
        return labels;
    }

    /** Every page of one row each, following the cursors. */
    private static List<String> allLabels(TestTenant tenant, String query) {
        List<String> labels = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response response = tenant.api().get("shards?type=parcel&limit=1&" + encodeWhere(query)
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            response.json().get("items").forEach(s -> labels.add(s.at("/structuredData/label").asString()));
            cursor = response.json().path("nextCursor").isString() ? response.json().get("nextCursor").asString() : null;
        } while (cursor != null && labels.size() < 20);
        return labels;
    }

    private static String encodeWhere(String query) {
        return query.replace("|", "%7C");
    }

    private static List<JsonNode> items(TestTenant tenant, String path) {
        Api.Response response = tenant.api().get(path);
        assertThat(response.status()).as("GET %s -> %s", path, response).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        response.json().get("items").forEach(items::add);
        return items;
    }
}
