package io.castiel.shard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * A field a type declares in {@code indexedFields} gets partial indexes on its typed column, built
 * by a job as the schema's owner, which a list filtered on a rare value of the field, on a word in
 * it or sorted by it reads instead of walking the type's shards; they go when the field leaves
 * the list.
 */
class FieldIndexTests extends CastielTest {

    private static final String SCHEMA = """
            {"type": "object", "properties": {"name": {"type": "string"}, "code": {"type": "string"},
             "rating": {"type": "integer"}, "address": {"type": "object", "properties": {"city": {"type": "string"}}}}}""";

    private final ShardLists lists;
    private final RecurringJob typedColumns;
    private final RecurringJob fieldIndexes;

    FieldIndexTests(@Autowired ShardLists lists, @Autowired List<RecurringJob> jobs) {
        this.lists = lists;
        this.typedColumns = jobs.stream().filter(job -> job.name().equals("shard-columns")).findFirst().orElseThrow();
        this.fieldIndexes = jobs.stream().filter(job -> job.name().equals("shard-field-indexes")).findFirst().orElseThrow();
    }

    @Test
    void aDeclaredFieldGetsAnIndexThatAFilterOnARareValueReads() {
        TestTenant tenant = newTenant();
        Api.Response created = tenant.api().post("shard-types", type("supplier", "/code", "/address/city", "/rating"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("indexedFields")).containsExactly(text("/code"), text("/address/city"), text("/rating"));
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (int n = 0; n < 1000; n++) {
            ObjectNode data = items.addObject().put("shardType", "supplier").putObject("structuredData");
            data.put("name", "Supplier " + n).put("code", "S-" + n).put("rating", 1 + n % 5).putObject("address").put("city", "City " + n % 7);
        }
        Api.Response bulk = tenant.api().post("shards/bulk", Api.object().set("items", items));
        assertThat(bulk.status()).as(bulk.toString()).isEqualTo(200);
        // Enough rows that reading an index beats reading them all, as on a real list: the rest in
        // one statement (their typed rows are the triggers' work, whatever writes the shards).
        tenants.inTenant(tenant.id(), () -> jdbc.sql("""
                insert into shards (tenant_id, id, shard_type, structured_data, status, source, revision, created_at, updated_at)
                select ?, gen_random_uuid(), 'supplier', jsonb_build_object('name', 'Supplier ' || n,
                       'code', case when n % 1000 = 7 then 'QZJWKV-' else 'S-' end || n, 'rating', 1 + n % 5,
                       'address', jsonb_build_object('city', 'City ' || n % 7)), 'active', 'api', 1, now(), now()
                from generate_series(1000, 9999) n""").param(tenant.id()).update());
        typedColumns.run();
        fieldIndexes.run();
        jdbc.sql("select analyze_shard_columns()").query((rs, n) -> 1).list();

        String code = index(tenant, "supplier", "/code");
        assertThat(indexes()).contains(code, index(tenant, "supplier", "/address/city"));
        String plan = tenants.inTenant(tenant.id(), () -> lists.explain(tenant.id(),
                new ShardQuery("supplier", null, null, null, List.of("code:eq:S-42"), null, 50, null), alias -> ReadFilter.NONE));
        assertThat(plan).contains(code).doesNotContain("structured_data");
        String range = tenants.inTenant(tenant.id(), () -> lists.explain(tenant.id(),
                new ShardQuery("supplier", null, null, null, List.of("code:gte:S-9998", "code:lte:S-9999"), null, 50, null),
                alias -> ReadFilter.NONE));
        assertThat(range).as("a range on text, compared in C like the index").contains(code);
        assertThat(items(tenant, "shards?type=supplier&where=code:gte:S-9998&where=code:lte:S-9999&sort=structuredData.code"))
                .containsExactly("Supplier 9998", "Supplier 9999");
        assertThat(items(tenant, "shards?type=supplier&where=code:in:S-7%7CS-70&sort=structuredData.code"))
                .containsExactly("Supplier 7", "Supplier 70");

        // A word of six letters, as a user types to find a record (PostgreSQL guesses a substring's
        // share of rows from its length): the trigram index finds its nine rows.
        String contains = tenants.inTenant(tenant.id(), () -> lists.explain(tenant.id(),
                new ShardQuery("supplier", null, null, null, List.of("code:contains:QZJWKV"), null, 50, null), alias -> ReadFilter.NONE));
        assertThat(contains).as("contains reads the trigram index").contains(substringIndex(tenant, "supplier", "/code"));
        assertThat(items(tenant, "shards?type=supplier&where=code:contains:qzjwkv&sort=structuredData.code&limit=3"))
                .containsExactly("Supplier 1007", "Supplier 2007", "Supplier 3007");

        String sorted = tenants.inTenant(tenant.id(), () -> lists.explain(tenant.id(),
                new ShardQuery("supplier", null, null, null, List.of(), "-structuredData.rating", 5, null), alias -> ReadFilter.NONE));
        assertThat(sorted).as("a sort on a declared number walks its index").contains(index(tenant, "supplier", "/rating"))
                .doesNotContain("Seq Scan");

        Api.Response found = tenant.api().get("shards?type=supplier&where=code:eq:S-42");
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().get("items")).singleElement()
                .satisfies(shard -> assertThat(shard.at("/structuredData/name").asString()).isEqualTo("Supplier 42"));
    }

    @Test
    void aSearchFilteredOnADeclaredFieldReadsItsIndexAndFindsWhatTheListFinds() {
        TestTenant tenant = newTenant();
        assertThat(tenant.api().post("shard-types", type("stockist", "/code", "/rating")).status()).isEqualTo(201);
        tenant.createShard("stockist", Api.object().put("name", "Stockist 0").put("code", "K-0").put("rating", 1));
        tenants.inTenant(tenant.id(), () -> jdbc.sql("""
                insert into shards (tenant_id, id, shard_type, structured_data, status, source, revision, created_at, updated_at)
                select ?, gen_random_uuid(), 'stockist', jsonb_build_object('name', 'Stockist ' || n, 'code', 'K-' || n,
                       'rating', 1 + n % 5), 'active', 'api', 1, now(), now()
                from generate_series(1, 4999) n""").param(tenant.id()).update());
        typedColumns.run();
        fieldIndexes.run();
        jdbc.sql("select analyze_shard_columns()").query((rs, n) -> 1).list();

        StringBuilder where = new StringBuilder();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", tenant.id());
        tenants.inTenant(tenant.id(), () -> {
            lists.appendWhere(tenant.id(), "stockist", List.of(WhereFilter.parse("code:eq:K-42"), WhereFilter.parse("rating:gte:2")), where,
                    params);
            return null;
        });
        String plan = String.join("\n", tenants.inTenant(tenant.id(), () -> jdbc.sql("explain select s.id from shards s where s.tenant_id = :tenant"
                + " and s.search @@ websearch_to_tsquery('english', 'stockist')" + where).params(params).query(String.class).list()));
        assertThat(plan).as("the typed conditions as a semi-join on the narrow rows").contains(index(tenant, "stockist", "/code"))
                .doesNotContain("structured_data");

        assertThat(searched(tenant, "stockist", "code:eq:K-42", "rating:gte:2")).containsExactly("Stockist 42");
        assertThat(items(tenant, "shards?type=stockist&where=code:eq:K-42&where=rating:gte:2")).containsExactly("Stockist 42");
        // A rating stored as text (written before the schema said integer) is another type than its
        // column's: conditions on it are read from the jsonb, for every shard, and find what the list finds.
        tenants.inTenant(tenant.id(), () -> jdbc.sql("""
                insert into shards (tenant_id, id, shard_type, structured_data, status, source, revision, created_at, updated_at)
                values (?, gen_random_uuid(), 'stockist', '{"name": "Stockist odd", "code": "K-42", "rating": "4"}', 'active', 'api', 1, now(), now())""")
                .param(tenant.id()).update());
        typedColumns.run();
        assertThat(searched(tenant, "stockist", "code:eq:K-42", "rating:gte:2")).containsExactly("Stockist 42");
        assertThat(searched(tenant, "stockist", "code:eq:K-42")).containsExactlyInAnyOrder("Stockist 42", "Stockist odd");
        assertThat(items(tenant, "shards?type=stockist&where=code:eq:K-42")).containsExactlyInAnyOrder("Stockist 42", "Stockist odd");
    }

    /** The names a keyword search for the type's name finds among its shards with {@code where}. */
    private static List<String> searched(TestTenant tenant, String type, String... where) {
        ArrayNode conditions = JsonNodeFactory.instance.arrayNode();
        for (String condition : where) {
            conditions.add(condition);
        }
        Api.Response response = tenant.api().post("search", Api.object().put("query", type).put("mode", "keyword")
                .<ObjectNode>set("types", JsonNodeFactory.instance.arrayNode().add(type)).set("where", conditions));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        response.json().get("items").forEach(hit -> names.add(hit.at("/shard/structuredData/name").asString()));
        return names;
    }

    @Test
    void anIndexIsKeptByAnUpdateThatLeavesTheListOutAndDroppedWhenItsFieldIsNoLongerListed() {
        TestTenant tenant = newTenant();
        assertThat(tenant.api().post("shard-types", type("maker", "/code", "/rating")).status()).isEqualTo(201);
        tenant.createShard("maker", Api.object().put("name", "Acme").put("code", "A-1").put("rating", 3));
        typedColumns.run();
        fieldIndexes.run();
        String code = index(tenant, "maker", "/code");
        String codeSubstrings = substringIndex(tenant, "maker", "/code");
        String rating = index(tenant, "maker", "/rating");
        assertThat(indexes()).contains(code, codeSubstrings, rating);

        Api.Response kept = tenant.api().put("shard-types/maker", Api.object().put("name", "maker").set("schema", Api.parse(SCHEMA)));
        assertThat(kept.status()).as(kept.toString()).isEqualTo(200);
        assertThat(kept.json().get("indexedFields")).containsExactly(text("/code"), text("/rating"));

        Api.Response narrowed = tenant.api().put("shard-types/maker", type("maker", "/rating"));
        assertThat(narrowed.status()).as(narrowed.toString()).isEqualTo(200);
        fieldIndexes.run();
        assertThat(indexes()).contains(rating).doesNotContain(code, codeSubstrings);

        Api.Response none = tenant.api().put("shard-types/maker", type("maker"));
        assertThat(none.status()).as(none.toString()).isEqualTo(200);
        fieldIndexes.run();
        assertThat(indexes()).doesNotContain(code, rating);
    }

    @Test
    void aSortOnADeclaredNumberKeepsTheJsonOrderAcrossPages() {
        TestTenant tenant = newTenant();
        assertThat(tenant.api().post("shard-types", type("gauge", "/rating")).status()).isEqualTo(201);
        tenant.createShard("gauge", Api.object().put("name", "a").put("rating", 3));
        tenant.createShard("gauge", Api.object().put("name", "b").put("rating", 1));
        tenant.createShard("gauge", Api.object().put("name", "c"));
        tenant.createShard("gauge", Api.object().put("name", "d").put("rating", 2));
        tenant.createShard("gauge", Api.object().put("name", "e").put("rating", 3));
        typedColumns.run();
        fieldIndexes.run();

        // JSON order: a missing rating (null) before any number; equal ratings by id (creation order).
        assertThat(pages(tenant, "gauge", "structuredData.rating")).containsExactly("c", "b", "d", "a", "e");
        assertThat(pages(tenant, "gauge", "-structuredData.rating")).containsExactly("e", "a", "d", "b", "c");
    }

    @Test
    void indexedFieldsMustBeScalarFieldsOfTheSchema() {
        TestTenant tenant = newTenant();
        Api.Response unknown = tenant.api().post("shard-types", type("widget", "/name", "/colour"));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(422);
        assertThat(unknown.json().toString()).contains("/indexedFields/1");

        Api.Response object = tenant.api().post("shard-types", type("widget", "/address"));
        assertThat(object.status()).as(object.toString()).isEqualTo(422);
        assertThat(object.json().toString()).contains("/indexedFields/0");

        Api.Response twice = tenant.api().post("shard-types", type("widget", "/name", "/name"));
        assertThat(twice.status()).as(twice.toString()).isEqualTo(422);

        Api.Response notPointer = tenant.api().post("shard-types", type("widget", "name"));
        assertThat(notPointer.status()).as(notPointer.toString()).isEqualTo(422);
        assertThat(tenant.api().get("shard-types/widget").status()).isEqualTo(404);
    }

    private static List<String> items(TestTenant tenant, String path) {
        Api.Response response = tenant.api().get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        response.json().get("items").forEach(shard -> names.add(shard.at("/structuredData/name").asString()));
        return names;
    }

    /** Every page of one shard each, following the cursors. */
    private static List<String> pages(TestTenant tenant, String type, String sort) {
        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = tenant.api().get("shards?type=" + type + "&limit=1&sort=" + sort
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().get("items").forEach(shard -> names.add(shard.at("/structuredData/name").asString()));
            cursor = page.json().path("nextCursor").isString() ? page.json().get("nextCursor").asString() : null;
        } while (cursor != null && names.size() < 20);
        return names;
    }

    private ObjectNode type(String name, String... indexed) {
        ObjectNode type = Api.object().put("name", name).set("schema", Api.parse(SCHEMA));
        ArrayNode fields = type.putArray("indexedFields");
        for (String pointer : indexed) {
            fields.add(pointer);
        }
        return type;
    }

    private String substringIndex(TestTenant tenant, String type, String pointer) {
        return ShardFieldIndexJob.substringIndexName(tenant.id(), type, column(tenant, type, pointer));
    }

    /** The name of the index of a field: the job names it after the field's typed column. */
    private String index(TestTenant tenant, String type, String pointer) {
        return ShardFieldIndexJob.indexName(tenant.id(), type, column(tenant, type, pointer));
    }

    private String column(TestTenant tenant, String type, String pointer) {
        List<String> path = List.of(pointer.substring(1).split("/"));
        return tenants.inTenant(tenant.id(), () -> jdbc.sql("""
                select col from shard_column_slots where tenant_id = ? and shard_type = ? and path = cast(? as text[])
                and kind in ('number', 'string', 'boolean')""")
                .params(tenant.id(), type, "{" + String.join(",", path) + "}").query(String.class).single());
    }

    private List<String> indexes() {
        return jdbc.sql("select indexname from pg_indexes where tablename = 'shard_columns'").query(String.class).list();
    }

    private static JsonNode text(String value) {
        return JsonNodeFactory.instance.stringNode(value);
    }
}
