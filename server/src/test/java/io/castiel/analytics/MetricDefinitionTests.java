package io.castiel.analytics;

import static io.castiel.analytics.AnalyticsQueryTests.bulk;
import static io.castiel.analytics.AnalyticsQueryTests.opportunity;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.RecordedEvents;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/** {@code /metrics-definitions}: saved KPIs, their values over a rolling period, audit, events, isolation and validation. */
class MetricDefinitionTests extends CastielTest {

    private static final String WON_DEALS = """
            {"name": "won_deals", "displayName": "Won deals", "format": "number",
             "query": {"shardType": "c_opportunity", "where": ["stage:eq:won"], "measures": [{"fn": "count"}]},
             "period": {"field": "closeDate", "last": "P30D"}}""";

    @Test
    void metricDefinitionsAreCreatedListedChangedAndDeletedWithAuditAndEvents() {
        TestTenant tenant = newTenant();

        Api.Response created = tenant.api().post("metrics-definitions", WON_DEALS);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/v1/metrics-definitions/" + id);
        assertThat(created.json().at("/query/where/0").asString()).isEqualTo("stage:eq:won");
        assertThat(created.json().at("/period/last").asString()).isEqualTo("P30D");

        assertThat(tenant.api().get("metrics-definitions").json().at("/items/0/id").asString()).isEqualTo(id);
        assertThat(tenant.api().get("metrics-definitions/" + id).json().get("displayName").asString()).isEqualTo("Won deals");

        Api.Response patched = tenant.api().patch("metrics-definitions/" + id, "{\"displayName\": \"Deals won\", \"format\": null}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("displayName").asString()).isEqualTo("Deals won");
        assertThat(patched.json().get("format").isNull()).isTrue();
        assertThat(patched.json().get("name").asString()).isEqualTo("won_deals");

        assertThat(tenant.api().delete("metrics-definitions/" + id).status()).isEqualTo(204);
        assertThat(tenant.api().get("metrics-definitions/" + id).status()).isEqualTo(404);

        List<String> audited = tenant.api().get("audit-logs?resourceId=" + id).json().get("items").valueStream()
                .map(e -> e.get("action").asString()).toList();
        assertThat(audited).containsExactlyInAnyOrder("metric.created", "metric.updated", "metric.deleted");
        List<RecordedEvents.Recorded> published = events.await(tenant.id(), 3).stream()
                .filter(e -> e.type().startsWith("metric.")).toList();
        assertThat(published).extracting(RecordedEvents.Recorded::type).containsExactly("metric.created", "metric.updated", "metric.deleted");
        assertThat(published.get(1).data().get("displayName").asString()).isEqualTo("Deals won");
        assertThat(published.get(1).previous().get("displayName").asString()).isEqualTo("Won deals");
    }

    @Test
    void valueComparesWithThePreviousPeriod() {
        TestTenant tenant = newTenant();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        bulk(tenant, "c_opportunity", opportunity("This week", 100, "EUR", "won", today.minusDays(5).toString()),
                opportunity("Today", 200, "EUR", "won", today.toString()),
                opportunity("Lost today", 999, "EUR", "lost", today.toString()),
                opportunity("Last month", 50, "EUR", "won", today.minusDays(40).toString()),
                opportunity("Long ago", 7, "EUR", "won", today.minusDays(100).toString()),
                opportunity("Dollars", 1, "USD", "won", today.toString()));
        String id = tenant.api().post("metrics-definitions", WON_DEALS).json().get("id").asString();
        String revenue = tenant.api().post("metrics-definitions", """
                {"name": "won_revenue", "displayName": "Won revenue", "format": "currency:EUR",
                 "query": {"shardType": "c_opportunity", "where": ["stage:eq:won", "currency:eq:EUR"], "measures": [{"fn": "sum", "field": "amount"}]},
                 "period": {"field": "closeDate", "last": "P30D"}}""").json().get("id").asString();

        JsonNode count = tenant.api().get("metrics-definitions/" + id + "/value?compareTo=previousPeriod").json();
        JsonNode money = tenant.api().get("metrics-definitions/" + revenue + "/value?compareTo=previousPeriod").json();
        JsonNode plain = tenant.api().get("metrics-definitions/" + id + "/value").json();

        assertThat(count.get("value").decimalValue()).isEqualByComparingTo("3");
        assertThat(count.get("previous").decimalValue()).isEqualByComparingTo("1");
        assertThat(count.get("change").decimalValue()).isEqualByComparingTo("2");
        assertThat(count.at("/period/start").asString()).isEqualTo(today.minusDays(29).toString());
        assertThat(count.at("/period/end").asString()).isEqualTo(today.plusDays(1).toString());
        assertThat(count.at("/previousPeriod/start").asString()).isEqualTo(today.minusDays(59).toString());
        assertThat(money.get("value").decimalValue()).isEqualByComparingTo("300");
        assertThat(money.get("previous").decimalValue()).isEqualByComparingTo("50");
        assertThat(money.get("change").decimalValue()).isEqualByComparingTo("5");
        assertThat(money.get("currency").asString()).isEqualTo("EUR");
        assertThat(money.get("format").asString()).isEqualTo("currency:EUR");
        assertThat(plain.get("value").decimalValue()).isEqualByComparingTo("3");
        assertThat(plain.get("previous").isNull()).isTrue();
        assertThat(plain.get("change").isNull()).isTrue();
    }

    @Test
    void aMoneyMetricOverSeveralCurrenciesAsksForOne() {
        TestTenant tenant = newTenant();
        bulk(tenant, "c_opportunity", opportunity("A", 1, "EUR", "won", "2026-01-01"), opportunity("B", 2, "USD", "won", "2026-01-01"));
        String id = tenant.api().post("metrics-definitions", """
                {"name": "pipeline", "displayName": "Pipeline", "query": {"shardType": "c_opportunity", "measures": [{"fn": "sum", "field": "amount"}]}}""")
                .json().get("id").asString();

        Api.Response value = tenant.api().get("metrics-definitions/" + id + "/value");
        Api.Response compared = tenant.api().get("metrics-definitions/" + id + "/value?compareTo=previousPeriod");
        Api.Response unknown = tenant.api().get("metrics-definitions/" + id + "/value?compareTo=lastYear");

        assertThat(value.status()).isEqualTo(422);
        assertThat(value.json().get("detail").asString()).contains("one per currency");
        assertThat(compared.status()).isEqualTo(422);
        assertThat(compared.json().at("/errors/0/pointer").asString()).isEqualTo("/compareTo");
        assertThat(unknown.status()).isEqualTo(400);
    }

    @Test
    void invalidDefinitionsAreProblemsPointingIntoTheBody() {
        TestTenant tenant = newTenant();

        assertInvalid(tenant, """
                {"name": "m", "displayName": "M", "query": {"shardType": "c_opportunity", "measures": [{"fn": "count"}]}}""", "/name");
        assertInvalid(tenant, """
                {"name": "by_stage", "displayName": "M", "query": {"shardType": "c_opportunity", "groupBy": ["stage"], "measures": [{"fn": "count"}]}}""",
                "/query/groupBy");
        assertInvalid(tenant, """
                {"name": "avg_budget", "displayName": "M", "query": {"shardType": "c_opportunity", "measures": [{"fn": "avg", "field": "budget"}]}}""",
                "/query/measures/0/field");
        assertInvalid(tenant, """
                {"name": "deals", "displayName": "M", "query": {"shardType": "c_opportunity", "measures": [{"fn": "count"}]},
                 "period": {"field": "closeDate", "last": "a month"}}""", "/period/last");
        assertInvalid(tenant, """
                {"name": "deals", "displayName": "M", "query": {"shardType": "c_opportunity", "measures": [{"fn": "count"}]},
                 "period": {"field": "stage", "last": "P1M"}}""", "/period/field");
        assertInvalid(tenant, """
                {"name": "deals", "displayName": "M", "format": "currency:euro", "query": {"shardType": "c_opportunity", "measures": [{"fn": "count"}]}}""",
                "/format");
        assertInvalid(tenant, """
                {"name": "deals", "displayName": "M", "query": {"shardType": "c_opportunity", "measures": [{"fn": "count"}], "timezone": "Nowhere"}}""",
                "/query/timezone");
        assertThat(tenant.api().post("metrics-definitions", WON_DEALS).status()).isEqualTo(201);
        assertThat(tenant.api().post("metrics-definitions", WON_DEALS).status()).isEqualTo(409);
        assertThat(tenant.api().post("metrics-definitions", "{\"name\": 5, \"query\": []}").status()).isEqualTo(400);
    }

    @Test
    void anotherTenantsMetricIsNotFound() {
        TestTenant tenant = newTenant();
        TestTenant other = newTenant();
        String id = other.api().post("metrics-definitions", WON_DEALS).json().get("id").asString();

        assertThat(tenant.api().get("metrics-definitions/" + id).status()).isEqualTo(404);
        assertThat(tenant.api().get("metrics-definitions/" + id + "/value").status()).isEqualTo(404);
        assertThat(tenant.api().patch("metrics-definitions/" + id, "{\"displayName\": \"Mine\"}").status()).isEqualTo(404);
        assertThat(tenant.api().delete("metrics-definitions/" + id).status()).isEqualTo(404);
        assertThat(tenant.api().get("metrics-definitions").json().get("items")).isEmpty();
        assertThat(other.api().get("metrics-definitions/" + id).status()).isEqualTo(200);
    }

    @Test
    void viewersReadMetricsAndMembersWriteThem() {
        TestTenant tenant = newTenant();
        TestTenant.Member viewer = addUser(tenant, "viewer");
        TestTenant.Member member = addUser(tenant, "member");

        assertThat(viewer.api().post("metrics-definitions", WON_DEALS).status()).isEqualTo(403);
        Api.Response created = member.api().post("metrics-definitions", WON_DEALS);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(viewer.api().get("metrics-definitions/" + id + "/value").status()).isEqualTo(200);
        assertThat(viewer.api().delete("metrics-definitions/" + id).status()).isEqualTo(403);
    }

    private static void assertInvalid(TestTenant tenant, String body, String pointer) {
        Api.Response response = tenant.api().post("metrics-definitions", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").valueStream().map(e -> e.get("pointer").asString()).toList()).as(response.toString())
                .contains(pointer);
    }
}
