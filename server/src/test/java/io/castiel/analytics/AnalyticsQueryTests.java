package io.castiel.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiException;
import io.castiel.platform.BearerAuthentication;
import io.castiel.platform.Role;
import io.castiel.shard.AggregationGuard;
import io.castiel.shard.AggregationQuery;
import io.castiel.shard.AggregationResult;
import io.castiel.shard.ShardAggregations;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /analytics/query} through the real HTTP stack on PostgreSQL: every measure and kind
 * of grouping, time zones, the relationship hop, permissions exactly as {@code GET /shards}
 * applies them, CSV, GraphQL, and bad input as problems.
 */
class AnalyticsQueryTests extends CastielTest {

    private static final String ACCOUNT_1 = "0193a000-0000-7000-8000-000000000001";
    private static final String ACCOUNT_2 = "0193a000-0000-7000-8000-000000000002";
    private static final String ACCOUNT_3 = "0193a000-0000-7000-8000-000000000003";

    private final ShardAggregations aggregations;

    AnalyticsQueryTests(@Autowired ShardAggregations aggregations) {
        this.aggregations = aggregations;
    }

    // ---------------------------------------------------------------- measures

    @Test
    void everyMeasureIsComputedPerGroup() {
        TestTenant tenant = newTenant();
        bulk(tenant, "c_opportunity", opportunity("A", 100, "EUR", "proposal", "2026-01-10").put("accountId", ACCOUNT_1),
                opportunity("B", 200, "EUR", "proposal", "2026-01-11").put("accountId", ACCOUNT_1),
                opportunity("C", 300, "EUR", "proposal", "2026-01-12").put("accountId", ACCOUNT_2),
                opportunity("D", 400, "EUR", "proposal", "2026-01-13").put("accountId", ACCOUNT_3),
                opportunity("E", 1000, "EUR", "won", "2026-02-01"));

        JsonNode result = query(tenant.api(), """
                {"shardType": "c_opportunity", "groupBy": ["stage"], "measures": [{"fn": "count"}, {"fn": "sum", "field": "amount"},
                 {"fn": "avg", "field": "amount"}, {"fn": "min", "field": "amount"}, {"fn": "max", "field": "amount"},
                 {"fn": "p50", "field": "amount"}, {"fn": "p90", "field": "amount", "as": "top_decile"},
                 {"fn": "countDistinct", "field": "accountId"}, {"fn": "count", "field": "accountId"}]}""");

        assertThat(names(result)).containsExactly("stage", "currency", "count", "sum_amount", "avg_amount", "min_amount", "max_amount",
                "p50_amount", "top_decile", "countDistinct_accountId", "count_accountId", "skipped");
        assertThat(result.at("/columns/0/type").asString()).isEqualTo("string");
        assertThat(result.at("/columns/2/type").asString()).isEqualTo("integer");
        assertThat(result.at("/columns/3/type").asString()).isEqualTo("number");
        assertThat(result.get("truncated").asBoolean()).isFalse();
        Map<String, JsonNode> byStage = rowsBy(result, 0);
        JsonNode proposal = byStage.get("proposal");
        assertThat(proposal.get(1).asString()).isEqualTo("EUR");
        assertThat(proposal.get(2).asLong()).isEqualTo(4);
        assertThat(proposal.get(3).decimalValue()).isEqualByComparingTo("1000");
        assertThat(proposal.get(4).decimalValue()).isEqualByComparingTo("250");
        assertThat(proposal.get(5).decimalValue()).isEqualByComparingTo("100");
        assertThat(proposal.get(6).decimalValue()).isEqualByComparingTo("400");
        assertThat(proposal.get(7).asDouble()).isEqualTo(250.0);
        assertThat(proposal.get(8).asDouble()).isEqualTo(370.0);
        assertThat(proposal.get(9).asLong()).isEqualTo(3);
        assertThat(proposal.get(10).asLong()).isEqualTo(4);
        assertThat(proposal.get(11).asLong()).isZero();
        assertThat(byStage.get("won").get(2).asLong()).isEqualTo(1);
        assertThat(byStage.get("won").get(9).asLong()).isZero();
    }

    @Test
    void sumsAreAnsweredPerCurrency() {
        TestTenant tenant = newTenant();
        bulk(tenant, "c_opportunity", opportunity("A", 100, "EUR", "won", "2026-01-10"), opportunity("B", 50, "EUR", "won", "2026-01-10"),
                opportunity("C", 70, "USD", "won", "2026-01-10"));

        JsonNode result = query(tenant.api(), """
                {"shardType": "c_opportunity", "measures": [{"fn": "sum", "field": "amount"}], "sort": ["currency"]}""");

        assertThat(names(result)).containsExactly("currency", "sum_amount", "skipped");
        assertThat(result.at("/rows/0/0").asString()).isEqualTo("EUR");
        assertThat(result.at("/rows/0/1").decimalValue()).isEqualByComparingTo("150");
        assertThat(result.at("/rows/1/0").asString()).isEqualTo("USD");
        assertThat(result.at("/rows/1/1").decimalValue()).isEqualByComparingTo("70");

        // Grouping by the currency itself adds no second currency column; a count needs none.
        JsonNode byCurrency = query(tenant.api(), """
                {"shardType": "c_opportunity", "groupBy": ["currency"], "measures": [{"fn": "sum", "field": "amount"}]}""");
        assertThat(names(byCurrency)).containsExactly("currency", "sum_amount", "skipped");
        JsonNode counted = query(tenant.api(), """
                {"shardType": "c_opportunity", "measures": [{"fn": "count"}]}""");
        assertThat(names(counted)).containsExactly("count");
        assertThat(counted.at("/rows/0/0").asLong()).isEqualTo(3);
    }

    @Test
    void missingAndNonNumericValuesAreSkippedAndCounted() {
        TestTenant tenant = newTenant();
        String loose = "{\"name\": \"deal\", \"schema\": {\"type\": \"object\", \"properties\": {\"score\": {}, \"team\": {\"type\": \"string\"}}}}";
        assertThat(tenant.api().post("shard-types", loose).status()).isEqualTo(201);
        bulk(tenant, "deal", Api.object().put("team", "a").put("score", 10), Api.object().put("team", "a").put("score", "ten"),
                Api.object().put("team", "a"), Api.object().put("team", "a").putNull("score"), Api.object().put("team", "a").put("score", 5));
        String strict = "{\"name\": \"deal\", \"schema\": {\"type\": \"object\", \"properties\": {\"score\": {\"type\": \"number\"}, \"team\": {\"type\": \"string\"}}}}";
        assertThat(tenant.api().put("shard-types/deal?force=true", strict).status()).isEqualTo(200);

        JsonNode result = query(tenant.api(), """
                {"shardType": "deal", "groupBy": ["team"], "measures": [{"fn": "count"}, {"fn": "sum", "field": "score"},
                 {"fn": "avg", "field": "score"}]}""");

        assertThat(names(result)).containsExactly("team", "count", "sum_score", "avg_score", "skipped");
        assertThat(result.at("/rows/0/1").asLong()).isEqualTo(5);
        assertThat(result.at("/rows/0/2").decimalValue()).isEqualByComparingTo("15");
        assertThat(result.at("/rows/0/3").decimalValue()).isEqualByComparingTo("7.5");
        assertThat(result.at("/rows/0/4").asLong()).isEqualTo(3);
    }

    @Test
    void withoutShardsAGroupingHasNoRowsAndATotalIsOneRow() {
        TestTenant tenant = newTenant();

        JsonNode grouped = query(tenant.api(), """
                {"shardType": "c_opportunity", "groupBy": ["stage"], "measures": [{"fn": "count"}]}""");
        JsonNode total = query(tenant.api(), """
                {"shardType": "c_opportunity", "measures": [{"fn": "count"}, {"fn": "max", "field": "probability"}]}""");

        assertThat(grouped.get("rows")).isEmpty();
        assertThat(total.at("/rows/0/0").asLong()).isZero();
        assertThat(total.at("/rows/0/1").isNull()).isTrue();
    }

    // ---------------------------------------------------------------- groupings

    @Test
    void numberBooleanAndMissingValuesGroupWithNullsLast() {
        TestTenant tenant = newTenant();
        String type = "{\"name\": \"ticket\", \"schema\": {\"type\": \"object\", \"properties\": {\"urgent\": {\"type\": \"boolean\"}, "
                + "\"level\": {\"type\": \"integer\"}}}}";
        assertThat(tenant.api().post("shard-types", type).status()).isEqualTo(201);
        bulk(tenant, "ticket", Api.object().put("urgent", true).put("level", 2), Api.object().put("urgent", true).put("level", 10),
                Api.object().put("urgent", false).put("level", 2), Api.object());

        JsonNode byLevel = query(tenant.api(), """
                {"shardType": "ticket", "groupBy": ["level"], "measures": [{"fn": "count"}]}""");
        JsonNode byUrgency = query(tenant.api(), """
                {"shardType": "ticket", "groupBy": ["urgent"], "measures": [{"fn": "count"}], "sort": ["-count"]}""");

        assertThat(byLevel.at("/columns/0/type").asString()).isEqualTo("number");
        assertThat(rows(byLevel)).containsExactly(List.of("2", "2"), List.of("10", "1"), List.of("null", "1"));
        assertThat(byUrgency.at("/columns/0/type").asString()).isEqualTo("boolean");
        assertThat(rows(byUrgency)).containsExactly(List.of("true", "2"), List.of("false", "1"), List.of("null", "1"));
    }

    @Test
    void dateBucketsAreCutInTheRequestTimezoneAcrossDaylightSavingTime() {
        TestTenant tenant = newTenant();
        // Paris leaves winter time on 2026-03-29 at 01:00 UTC and summer time on 2026-10-25 at 01:00 UTC.
        bulk(tenant, "c_meeting", meeting("2026-03-28T22:59:00Z"), meeting("2026-03-28T23:30:00Z"), meeting("2026-03-29T00:30:00Z"),
                meeting("2026-03-29T22:30:00Z"), meeting("2026-03-31T22:30:00Z"), meeting("2026-10-25T00:30:00Z"),
                meeting("2026-10-25T23:30:00+01:00"), meeting("2026-10-25T23:30:00Z"));

        JsonNode utc = query(tenant.api(), """
                {"shardType": "c_meeting", "groupBy": ["startsAt:day"], "measures": [{"fn": "count"}]}""");
        JsonNode paris = query(tenant.api(), """
                {"shardType": "c_meeting", "groupBy": ["startsAt:day"], "measures": [{"fn": "count"}], "timezone": "Europe/Paris"}""");
        JsonNode parisMonths = query(tenant.api(), """
                {"shardType": "c_meeting", "groupBy": ["startsAt:month"], "measures": [{"fn": "count"}], "timezone": "Europe/Paris"}""");

        assertThat(utc.at("/columns/0/type").asString()).isEqualTo("date");
        assertThat(rows(utc)).containsExactly(List.of("2026-03-28", "2"), List.of("2026-03-29", "2"), List.of("2026-03-31", "1"),
                List.of("2026-10-25", "3"));
        // 23:30 UTC on the 28th is 00:30 in Paris on the 29th (UTC+1); 22:30 UTC on the 29th is 00:30 on the 30th (UTC+2).
        assertThat(rows(paris)).containsExactly(List.of("2026-03-28", "1"), List.of("2026-03-29", "2"), List.of("2026-03-30", "1"),
                List.of("2026-04-01", "1"), List.of("2026-10-25", "2"), List.of("2026-10-26", "1"));
        assertThat(rows(parisMonths)).containsExactly(List.of("2026-03-01", "4"), List.of("2026-04-01", "1"), List.of("2026-10-01", "3"));
    }

    @Test
    void weekQuarterAndYearBucketsStartOnMondayAndOnTheQuarter() {
        TestTenant tenant = newTenant();
        bulk(tenant, "c_opportunity", opportunity("Sun", 1, "EUR", "won", "2026-03-01"), opportunity("Mon", 1, "EUR", "won", "2026-03-02"),
                opportunity("Q1 end", 1, "EUR", "won", "2026-03-31"), opportunity("Q2", 1, "EUR", "won", "2026-05-15"),
                opportunity("Next year", 1, "EUR", "won", "2027-01-01"), Api.object().put("name", "No date"));

        JsonNode weeks = query(tenant.api(), """
                {"shardType": "c_opportunity", "groupBy": ["closeDate:week"], "measures": [{"fn": "count"}], "timezone": "Pacific/Auckland"}""");
        JsonNode quarters = query(tenant.api(), """
                {"shardType": "c_opportunity", "groupBy": ["closeDate:quarter"], "measures": [{"fn": "count"}]}""");
        JsonNode years = query(tenant.api(), """
                {"shardType": "c_opportunity", "groupBy": ["closeDate:year"], "measures": [{"fn": "count"}]}""");

        // closeDate is a calendar date: no time zone moves it.
        assertThat(rows(weeks)).containsExactly(List.of("2026-02-23", "1"), List.of("2026-03-02", "1"), List.of("2026-03-30", "1"),
                List.of("2026-05-11", "1"), List.of("2026-12-28", "1"), List.of("null", "1"));
        assertThat(rows(quarters)).containsExactly(List.of("2026-01-01", "3"), List.of("2026-04-01", "1"), List.of("2027-01-01", "1"),
                List.of("null", "1"));
        assertThat(rows(years)).containsExactly(List.of("2026-01-01", "4"), List.of("2027-01-01", "1"), List.of("null", "1"));
    }

    @Test
    void systemFieldsGroupIncludingCreatedAtBuckets() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        tenant.account("Owner's");
        member.api().post("shards", "{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"Member's\"}, \"status\": \"draft\"}");
        member.api().post("shards", "{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"Member's 2\"}}");

        JsonNode byStatus = query(tenant.api(), """
                {"shardType": "c_account", "groupBy": ["status", "createdBy"], "measures": [{"fn": "count"}]}""");
        JsonNode byYear = query(tenant.api(), """
                {"shardType": "c_account", "groupBy": ["createdAt:year", "shardType"], "measures": [{"fn": "count"}]}""");

        assertThat(rows(byStatus)).containsExactlyInAnyOrder(List.of("active", tenant.ownerId().toString(), "1"),
                List.of("active", member.id().toString(), "1"), List.of("draft", member.id().toString(), "1"));
        String year = java.time.Year.now(java.time.ZoneOffset.UTC) + "-01-01";
        assertThat(rows(byYear)).containsExactly(List.of(year, "c_account", "3"));
    }

    @Test
    void relationshipHopGroupsOpportunitiesByTheirAccountsIndustry() {
        TestTenant tenant = newTenant();
        JsonNode acme = tenant.createShard("c_account", Api.object().put("name", "Acme").put("industry", "Manufacturing"));
        JsonNode initech = tenant.createShard("c_account", Api.object().put("name", "Initech").put("industry", "Software"));
        JsonNode gone = tenant.createShard("c_account", Api.object().put("name", "Gone").put("industry", "Mining"));
        JsonNode a = tenant.createShard("c_opportunity", opportunity("A", 100, "EUR", "won", "2026-01-01"));
        JsonNode b = tenant.createShard("c_opportunity", opportunity("B", 200, "EUR", "won", "2026-01-01"));
        JsonNode c = tenant.createShard("c_opportunity", opportunity("C", 300, "EUR", "won", "2026-01-01"));
        JsonNode d = tenant.createShard("c_opportunity", opportunity("D", 400, "EUR", "won", "2026-01-01"));
        tenant.createShard("c_opportunity", opportunity("Unlinked", 1000, "EUR", "won", "2026-01-01"));
        tenant.link(acme, a, "has_opportunity");
        tenant.link(acme, b, "has_opportunity");
        tenant.link(initech, c, "has_opportunity");
        tenant.link(gone, d, "has_opportunity");
        assertThat(tenant.api().delete("shards/" + gone.get("id").asString()).status()).isEqualTo(204);

        JsonNode result = query(tenant.api(), """
                {"shardType": "c_opportunity", "groupBy": ["related:has_opportunity:in.industry"],
                 "measures": [{"fn": "count"}, {"fn": "sum", "field": "amount"}], "sort": ["-sum_amount"]}""");

        assertThat(names(result)).containsExactly("related:has_opportunity:in.industry", "currency", "count", "sum_amount", "skipped");
        // The deleted account's opportunity has no linked account left: it falls into the null group.
        assertThat(rows(result)).containsExactly(List.of("null", "EUR", "2", "1400", "0"), List.of("Manufacturing", "EUR", "2", "300", "0"),
                List.of("Software", "EUR", "1", "300", "0"));

        JsonNode outward = query(tenant.api(), """
                {"shardType": "c_account", "groupBy": ["related:has_opportunity:out.stage"], "measures": [{"fn": "count"}]}""");
        assertThat(rows(outward)).containsExactly(List.of("won", "2"));
    }

    @Test
    void tagsAreUnnestedOneGroupPerTag() {
        TestTenant tenant = newTenant();
        tenant.api().post("shards", "{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"A\"}, \"metadata\": {\"tags\": [\"key\", \"eu\"]}}");
        tenant.api().post("shards", "{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"B\"}, \"metadata\": {\"tags\": [\"key\"]}}");
        tenant.api().post("shards", "{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"C\"}}");

        JsonNode result = query(tenant.api(), """
                {"shardType": "c_account", "groupBy": ["metadata.tags"], "measures": [{"fn": "count"}]}""");

        assertThat(rows(result)).containsExactly(List.of("eu", "1"), List.of("key", "2"), List.of("null", "1"));
    }

    @Test
    void sortLimitAndTruncation() {
        TestTenant tenant = newTenant();
        bulk(tenant, "c_opportunity", opportunity("A", 1, "EUR", "a", "2026-01-01"), opportunity("B", 1, "EUR", "b", "2026-01-01"),
                opportunity("B2", 1, "EUR", "b", "2026-01-01"), opportunity("C", 1, "EUR", "c", "2026-01-01"),
                opportunity("C2", 1, "EUR", "c", "2026-01-01"), opportunity("C3", 1, "EUR", "c", "2026-01-01"));

        JsonNode top = query(tenant.api(), """
                {"shardType": "c_opportunity", "groupBy": ["stage"], "measures": [{"fn": "count", "as": "deals"}], "sort": ["-deals"], "limit": 2}""");
        JsonNode all = query(tenant.api(), """
                {"shardType": "c_opportunity", "groupBy": ["stage"], "measures": [{"fn": "count"}], "sort": ["-stage"], "limit": 3}""");

        assertThat(rows(top)).containsExactly(List.of("c", "3"), List.of("b", "2"));
        assertThat(top.get("truncated").asBoolean()).isTrue();
        assertThat(rows(all)).containsExactly(List.of("c", "3"), List.of("b", "2"), List.of("a", "1"));
        assertThat(all.get("truncated").asBoolean()).isFalse();
    }

    @Test
    void whereFiltersAreThoseOfTheShardList() {
        TestTenant tenant = newTenant();
        bulk(tenant, "c_opportunity", opportunity("A", 100, "EUR", "won", "2026-01-01"), opportunity("B", 5000, "EUR", "lost", "2026-01-01"),
                opportunity("C", 20000, "EUR", "won", "2026-01-01"), opportunity("D", 30000, "EUR", "proposal", "2026-01-01"));

        JsonNode result = query(tenant.api(), """
                {"shardType": "c_opportunity", "where": ["stage:in:won|lost", "amount:gte:1000"], "measures": [{"fn": "count"}]}""");

        assertThat(result.at("/rows/0/0").asLong()).isEqualTo(countInList(tenant.api(), "type=c_opportunity&where=stage:in:won%7Clost&where=amount:gte:1000"))
                .isEqualTo(2);
    }

    // ---------------------------------------------------------------- permissions and isolation

    @Test
    void aMembersAggregatesEqualTheSumOverTheShardsTheyMayList() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        TestTenant.Member other = addUser(tenant, "member");
        List<ObjectNode> deals = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            deals.add(opportunity("Open " + i, 100 + i, "EUR", i % 2 == 0 ? "won" : "lost", "2026-01-01"));
        }
        bulk(tenant, "c_opportunity", deals.toArray(ObjectNode[]::new));
        for (int i = 0; i < 3; i++) {
            ObjectNode hidden = Api.object().put("shardType", "c_opportunity");
            hidden.set("structuredData", opportunity("Hidden " + i, 10_000, "EUR", "won", "2026-01-01"));
            hidden.set("acl", Api.parse("[{\"userId\": \"" + other.id() + "\", \"permissions\": [\"read\"]}]"));
            assertThat(tenant.api().post("shards", hidden).status()).isEqualTo(201);
        }
        ObjectNode shared = Api.object().put("shardType", "c_opportunity");
        shared.set("structuredData", opportunity("Shared", 1, "EUR", "won", "2026-01-01"));
        shared.set("acl", Api.parse("[{\"userId\": \"" + member.id() + "\", \"permissions\": [\"read\"]}]"));
        assertThat(tenant.api().post("shards", shared).status()).isEqualTo(201);

        JsonNode mine = query(member.api(), """
                {"shardType": "c_opportunity", "measures": [{"fn": "count"}, {"fn": "sum", "field": "amount"}]}""");
        JsonNode owners = query(tenant.api(), """
                {"shardType": "c_opportunity", "measures": [{"fn": "count"}, {"fn": "sum", "field": "amount"}]}""");

        BigDecimal listed = BigDecimal.ZERO;
        int count = 0;
        String cursor = null;
        do {
            JsonNode page = member.api().get("shards?type=c_opportunity&limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            for (JsonNode shard : page.get("items")) {
                listed = listed.add(shard.at("/structuredData/amount").decimalValue());
                count++;
            }
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(count).isEqualTo(8);
        assertThat(mine.at("/rows/0/1").asLong()).isEqualTo(count);
        assertThat(mine.at("/rows/0/2").decimalValue()).isEqualByComparingTo(listed);
        assertThat(owners.at("/rows/0/1").asLong()).isEqualTo(11);
    }

    @Test
    void typePermissionsHideShardsAndLinkedShardsFromAggregates() {
        TestTenant tenant = newTenant();
        TestTenant.Member viewer = addUser(tenant, "viewer");
        JsonNode acme = tenant.createShard("c_account", Api.object().put("name", "Acme").put("industry", "Manufacturing"));
        JsonNode deal = tenant.createShard("c_opportunity", opportunity("A", 100, "EUR", "won", "2026-01-01"));
        tenant.link(acme, deal, "has_opportunity");
        assertThat(tenant.api().put("shard-types/c_account/permissions", "{\"viewer\": []}").status()).isEqualTo(200);

        JsonNode accounts = query(viewer.api(), """
                {"shardType": "c_account", "measures": [{"fn": "count"}]}""");
        JsonNode byIndustry = query(viewer.api(), """
                {"shardType": "c_opportunity", "groupBy": ["related:has_opportunity:in.industry"], "measures": [{"fn": "count"}]}""");

        assertThat(viewer.api().get("shards?type=c_account").json().get("items")).isEmpty();
        assertThat(accounts.at("/rows/0/0").asLong()).isZero();
        assertThat(rows(byIndustry)).containsExactly(List.of("null", "1"));
        assertThat(rows(query(tenant.api(), """
                {"shardType": "c_opportunity", "groupBy": ["related:has_opportunity:in.industry"], "measures": [{"fn": "count"}]}""")))
                .containsExactly(List.of("Manufacturing", "1"));
    }

    @Test
    void softDeletedShardsNeverCount() {
        TestTenant tenant = newTenant();
        JsonNode kept = tenant.createShard("c_opportunity", opportunity("Kept", 10, "EUR", "won", "2026-01-01"));
        JsonNode deleted = tenant.createShard("c_opportunity", opportunity("Deleted", 99, "EUR", "won", "2026-01-01"));
        assertThat(tenant.api().delete("shards/" + deleted.get("id").asString()).status()).isEqualTo(204);

        JsonNode result = query(tenant.api(), """
                {"shardType": "c_opportunity", "groupBy": ["status"], "measures": [{"fn": "count"}, {"fn": "sum", "field": "amount"}]}""");

        assertThat(kept.get("status").asString()).isEqualTo("active");
        assertThat(rows(result)).containsExactly(List.of("active", "EUR", "1", "10", "0"));
    }

    @Test
    void anotherTenantsShardsNeverCount() {
        TestTenant tenant = newTenant();
        TestTenant other = newTenant();
        tenant.createShard("c_opportunity", opportunity("Mine", 10, "EUR", "won", "2026-01-01"));
        other.createShard("c_opportunity", opportunity("Theirs", 1000, "EUR", "won", "2026-01-01"));

        JsonNode result = query(tenant.api(), """
                {"shardType": "c_opportunity", "measures": [{"fn": "count"}, {"fn": "sum", "field": "amount"}]}""");

        assertThat(rows(result)).containsExactly(List.of("EUR", "1", "10", "0"));
    }

    // ---------------------------------------------------------------- CSV, explain, GraphQL

    @Test
    void csvIsRfc4180WithFormulasEscaped() {
        TestTenant tenant = newTenant();
        bulk(tenant, "c_opportunity", opportunity("A", 1, "EUR", "=HYPERLINK(\"x\")", "2026-01-01"),
                opportunity("B", 2, "EUR", "a,b", "2026-01-01"), opportunity("C", -3, "EUR", "-minus", "2026-01-01").put("amount", 3),
                opportunity("D", 4, "EUR", "@at", "2026-01-01"), opportunity("E", 5, "EUR", "+plus", "2026-01-01"),
                opportunity("F", 6, "EUR", "line\nbreak", "2026-01-01"));

        Api.Response csv = tenant.api().withHeader("Accept", "text/csv").post("analytics/query", """
                {"shardType": "c_opportunity", "groupBy": ["stage"], "measures": [{"fn": "sum", "field": "amount", "as": "total"}], "sort": ["total"]}""");

        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Analytics-Truncated")).isEqualTo("false");
        assertThat(csv.text()).isEqualTo("stage,currency,total,skipped\r\n"
                + "\"'=HYPERLINK(\"\"x\"\")\",EUR,1,0\r\n"
                + "\"a,b\",EUR,2,0\r\n"
                + "'-minus,EUR,3,0\r\n"
                + "'@at,EUR,4,0\r\n"
                + "'+plus,EUR,5,0\r\n"
                + "\"line\nbreak\",EUR,6,0\r\n");
        Api.Response json = tenant.api().withHeader("Accept", "application/json, text/csv;q=0.5").post("analytics/query", """
                {"shardType": "c_opportunity", "measures": [{"fn": "count"}]}""");
        assertThat(json.contentType()).startsWith("application/json");
        Api.Response problem = tenant.api().withHeader("Accept", "text/csv").post("analytics/query", """
                {"shardType": "c_opportunity", "measures": [{"fn": "median"}]}""");
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.contentType()).startsWith("application/problem+json");
    }

    @Test
    void explainShowsAdminsThePlanButNeverTheStatement() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        String body = """
                {"shardType": "c_opportunity", "where": ["stage:eq:won"], "groupBy": ["closeDate:month"], "measures": [{"fn": "count"}]}""";

        Api.Response plan = tenant.api().post("analytics/query/explain", body);
        Api.Response forbidden = member.api().post("analytics/query/explain", body);

        assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
        assertThat(plan.json().has("sql")).isTrue();
        assertThat(plan.json().get("sql").isNull()).isTrue();
        assertThat(plan.json().get("plan").asString()).isNotBlank().doesNotContain("select");
        assertThat(plan.json().get("estimatedRows").isNumber()).isTrue();
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
    }

    @Test
    void graphqlAnswersTheSameAggregation() {
        TestTenant tenant = newTenant();
        bulk(tenant, "c_opportunity", opportunity("A", 100, "EUR", "won", "2026-01-01"), opportunity("B", 50, "EUR", "lost", "2026-01-01"));
        ObjectNode request = Api.object().put("query", """
                query($q: AnalyticsQueryInput!) { analytics(query: $q) { columns { name type } rows truncated } }""");
        request.set("variables", Api.parse("""
                {"q": {"shardType": "c_opportunity", "groupBy": ["stage"], "measures": [{"fn": "sum", "field": "amount", "as": "total"}],
                       "sort": ["-total"]}}"""));

        Api.Response response = tenant.api().post("/graphql", request);
        JsonNode bad = tenant.api().post("/graphql", Api.object().put("query",
                "{ analytics(query: {shardType: \"c_opportunity\", measures: [{fn: \"sum\", field: \"nope\"}]}) { truncated } }")).json();

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode result = response.json().at("/data/analytics");
        assertThat(result.at("/columns/2/name").asString()).isEqualTo("total");
        assertThat(result.at("/rows/0/0").asString()).isEqualTo("won");
        assertThat(result.at("/rows/0/2").decimalValue()).isEqualByComparingTo("100");
        assertThat(bad.at("/errors/0/extensions/code").asString()).isEqualTo("VALIDATION");
        assertThat(bad.at("/errors/0/extensions/errors/0/pointer").asString()).isEqualTo("/measures/0/field");
    }

    @Test
    void aGroupingBeyondTheGroupLimitIsRefused() {
        TestTenant tenant = newTenant();
        bulk(tenant, "c_opportunity", opportunity("A", 1, "EUR", "a", "2026-01-01"), opportunity("B", 1, "EUR", "b", "2026-01-01"),
                opportunity("C", 1, "EUR", "c", "2026-01-01"));
        AggregationQuery byStage = new AggregationQuery("c_opportunity", null, List.of("stage"),
                List.of(new AggregationQuery.Measure("count", null, null)), null, null, null);

        Runnable tooMany = () -> asOwner(tenant, () -> aggregations.run(byStage, null, new AggregationGuard(2, Duration.ofSeconds(5), 4096)));
        AggregationResult enough = asOwner(tenant, () -> aggregations.run(byStage, null, new AggregationGuard(3, Duration.ofSeconds(5), 4096)));

        assertThatThrownBy(tooMany::run).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status().value()).isEqualTo(422));
        assertThat(enough.rows()).hasSize(3);
    }

    @Test
    void aStatementRunningPastTheTimeoutIsCancelledAsA503() {
        TestTenant tenant = newTenant();
        // Written straight into the table: through the API every shard would also be queued for embedding.
        tenants.inTenant(tenant.id(), () -> jdbc.sql("""
                insert into shards (tenant_id, id, shard_type, structured_data, status, source, revision, created_by, created_at, updated_at)
                select :tenant, gen_random_uuid(), 'c_meeting',
                       jsonb_build_object('subject', 'Meeting ' || g, 'startsAt', to_char(timestamptz '2026-01-01' + g * interval '17 minutes',
                           'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
                       'active', 'api', 1, :owner, now(), now()
                from generate_series(1, 20000) g""").param("tenant", tenant.id()).param("owner", tenant.ownerId()).update());
        AggregationQuery byDayAndSubject = new AggregationQuery("c_meeting", null, List.of("startsAt:day", "subject"),
                List.of(new AggregationQuery.Measure("countDistinct", "subject", null)), null, null, "Europe/Paris");

        Runnable tooSlow = () -> asOwner(tenant, () -> aggregations.run(byDayAndSubject, null, new AggregationGuard(100_000, Duration.ofMillis(1), 4096)));

        assertThatThrownBy(tooSlow::run).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status().value()).isEqualTo(503));
        assertThat(asOwner(tenant, () -> aggregations.run(byDayAndSubject, null, new AggregationGuard(100_000, Duration.ofSeconds(30), 4096)))
                .rows()).hasSize(1000);
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void badInputIsAProblemWithAPointer() {
        TestTenant tenant = newTenant();
        assertProblem(tenant, "{\"shardType\": \"c_opportunity\", \"groupBy\": [\"colour\"], \"measures\": [{\"fn\": \"count\"}]}", 422, "/groupBy/0");
        assertProblem(tenant, "{\"shardType\": \"c_opportunity\", \"groupBy\": [\"stage:month\"], \"measures\": [{\"fn\": \"count\"}]}", 422, "/groupBy/0");
        assertProblem(tenant, "{\"shardType\": \"c_opportunity\", \"groupBy\": [\"closeDate:fortnight\"], \"measures\": [{\"fn\": \"count\"}]}", 400, "/groupBy/0");
        assertProblem(tenant, "{\"shardType\": \"c_opportunity\", \"groupBy\": [\"related:has_opportunity:sideways.industry\"], \"measures\": [{\"fn\": \"count\"}]}", 400, "/groupBy/0");
        assertProblem(tenant, "{\"shardType\": \"c_opportunity\", \"groupBy\": [\"a..b\"], \"measures\": [{\"fn\": \"count\"}]}", 400, "/groupBy/0");
        assertProblem(tenant, "{\"shardType\": \"c_opportunity\", \"groupBy\": [\"createdAt\"], \"measures\": [{\"fn\": \"count\"}]}", 422, "/groupBy/0");
        assertProblem(tenant, "{\"shardType\": \"c_opportunity\", \"measures\": [{\"fn\": \"median\", \"field\": \"amount\"}]}", 400, "/measures/0/fn");
        assertProblem(tenant, "{\"shardType\": \"c_opportunity\", \"measures\": [{\"fn\": \"sum\", \"field\": \"stage\"}]}", 422, "/measures/0/field");
        assertProblem(tenant, "{\"shardType\": \"c_opportunity\", \"measures\": [{\"fn\": \"sum\"}]}", 400, "/measures/0/field");
        assertProblem(tenant, "{\"shardType\": \"c_opportunity\", \"measures\": [{\"fn\": \"avg\", \"field\": \"budget\"}]}", 422, "/measures/0/field");
        assertProblem(tenant, "{\"shardType\": \"c_opportunity\", \"measures\": []}", 400, "/measures");
        assertProblem(tenant, "{\"shardType\": \"c_opportunity\", \"measures\": [{\"fn\": \"count\"}], \"limit\": 0}", 400, "/limit");
        assertProblem(tenant, "{\"shardType\": \"c_opportunity\", \"measures\": [{\"fn\": \"count\"}], \"limit\": 10001}", 400, "/limit");
        assertProblem(tenant, "{\"shardType\": \"c_opportunity\", \"measures\": [{\"fn\": \"count\"}], \"timezone\": \"Mars/Olympus\"}", 422, "/timezone");
        assertProblem(tenant, "{\"shardType\": \"c_opportunity\", \"measures\": [{\"fn\": \"count\"}], \"timezone\": \"+02:00\"}", 422, "/timezone");
        assertProblem(tenant, "{\"shardType\": \"c_opportunity\", \"measures\": [{\"fn\": \"count\"}], \"sort\": [\"-nope\"]}", 400, "/sort/0");
        assertProblem(tenant, "{\"shardType\": \"c_opportunity\", \"where\": [\"stage:like:x\"], \"measures\": [{\"fn\": \"count\"}]}", 400, "/where/0");
        assertProblem(tenant, "{\"shardType\": \"c_opportunity\", \"where\": [\"colour:eq:red\"], \"measures\": [{\"fn\": \"count\"}]}", 422, "/where/0");
        assertProblem(tenant, "{\"shardType\": \"c_unknown\", \"measures\": [{\"fn\": \"count\"}]}", 422, "/shardType");
        assertProblem(tenant, "{\"measures\": [{\"fn\": \"count\"}]}", 400, "/shardType");
        assertProblem(tenant, "{\"shardType\": \"c_opportunity\", \"measures\": [{\"fn\": \"count\"}, {\"fn\": \"count\"}]}", 400, "/measures");
        assertProblem(tenant, "{\"shardType\": \"c_opportunity\", \"measures\": [{\"fn\": \"count\", \"as\": \"bad name\"}]}", 400, "/measures/0/as");

        Api.Response malformed = tenant.api().post("analytics/query", "{\"shardType\": ");
        assertThat(malformed.status()).isEqualTo(400);
        Api.Response wrongType = tenant.api().post("analytics/query", "{\"shardType\": \"c_opportunity\", \"limit\": \"many\", \"measures\": []}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(anonymous.post("analytics/query", "{\"shardType\": \"c_opportunity\", \"measures\": [{\"fn\": \"count\"}]}").status())
                .isEqualTo(401);
    }

    // ---------------------------------------------------------------- helpers

    /** Runs {@code work} as the tenant's owner in the tenant's transaction, as a request would. */
    private <T> T asOwner(TestTenant tenant, java.util.function.Supplier<T> work) {
        Actor owner = new Actor(tenant.ownerId(), tenant.id(), Set.of(Role.OWNER));
        SecurityContextHolder.getContext().setAuthentication(ActorContext.authenticationOf(
                new BearerAuthentication(owner, null, Instant.now().plusSeconds(60), "test")));
        try {
            return tenants.inTenant(tenant.id(), work);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void assertProblem(TestTenant tenant, String body, int status, String pointer) {
        Api.Response response = tenant.api().post("analytics/query", body);
        assertThat(response.status()).as(body + " -> " + response).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().at("/errors/0/pointer").asString()).as(body + " -> " + response).isEqualTo(pointer);
    }

    /** Runs before every query: lets a subclass change how the shards are stored meanwhile. */
    protected void beforeQuery() {
    }

    JsonNode query(Api api, String body) {
        beforeQuery();
        Api.Response response = api.post("analytics/query", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    static ObjectNode opportunity(String name, double amount, String currency, String stage, String closeDate) {
        return Api.object().put("name", name).put("amount", amount).put("currency", currency).put("stage", stage).put("closeDate", closeDate);
    }

    private static ObjectNode meeting(String startsAt) {
        return Api.object().put("subject", "Meeting at " + startsAt).put("startsAt", startsAt);
    }

    static void bulk(TestTenant tenant, String type, ObjectNode... structuredData) {
        ObjectNode body = Api.object();
        ArrayNode items = body.putArray("items");
        for (ObjectNode data : structuredData) {
            items.addObject().put("shardType", type).set("structuredData", data);
        }
        Api.Response response = tenant.api().post("shards/bulk", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        for (JsonNode result : response.json().get("results")) {
            assertThat(result.get("status").asInt()).as(response.toString()).isEqualTo(201);
        }
    }

    private static long countInList(Api api, String query) {
        long count = 0;
        String cursor = null;
        do {
            JsonNode page = api.get("shards?" + query + "&limit=500" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            count += page.get("items").size();
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        return count;
    }

    private static List<String> names(JsonNode result) {
        List<String> names = new ArrayList<>();
        result.get("columns").forEach(c -> names.add(c.get("name").asString()));
        return names;
    }

    /** Each row's cells as text ("null" for null, numbers without trailing zeros), for compact assertions. */
    private static List<List<String>> rows(JsonNode result) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : result.get("rows")) {
            List<String> cells = new ArrayList<>();
            for (JsonNode cell : row) {
                cells.add(cell.isNull() ? "null" : cell.isNumber() ? cell.decimalValue().stripTrailingZeros().toPlainString() : cell.asString());
            }
            rows.add(cells);
        }
        return rows;
    }

    private static Map<String, JsonNode> rowsBy(JsonNode result, int column) {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        result.get("rows").forEach(row -> rows.put(row.get(column).asString(), row));
        return rows;
    }
}
