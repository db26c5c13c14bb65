package io.castiel.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;

/** {@code dashboards} and {@code dashboard(id)} answer as REST does, with the same visibility. */
class DashboardGraphQlTests extends CastielTest {

    private static final String BODY = """
            {"name": "%s", "visibility": "%s",
             "widgets": [{"id": "deals", "kind": "kpi", "title": "Deals",
                          "query": {"shardType": "c_opportunity", "measures": [{"fn": "count"}]}}],
             "layout": [{"widgetId": "deals", "x": 0, "y": 0, "w": 4, "h": 2}]}""";

    private String create(Api api, String name, String visibility) {
        Api.Response created = api.post("dashboards", Api.parse(BODY.formatted(name, visibility)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private HttpGraphQlTester graphQl(Api api) {
        return GraphQlClient.as(port, api.token());
    }

    @Test
    void dashboardReadsBackWithItsWidgetsAndLayout() {
        TestTenant tenant = newTenant();
        String id = create(tenant.api(), "Deals", "private");

        graphQl(tenant.api()).document("query($id: ID!) { dashboard(id: $id) { id name visibility roles revision ownerId layout widgets } }")
                .variable("id", id).execute()
                .path("dashboard.name").entity(String.class).isEqualTo("Deals")
                .path("dashboard.revision").entity(Integer.class).isEqualTo(1)
                .path("dashboard.ownerId").entity(String.class).isEqualTo(tenant.ownerId().toString())
                .path("dashboard.widgets[0].query.shardType").entity(String.class).isEqualTo("c_opportunity")
                .path("dashboard.layout[0].w").entity(Integer.class).isEqualTo(4);
    }

    @Test
    void dashboardsListsOnlyWhatTheCallerMaySee() {
        TestTenant tenant = newTenant();
        TestTenant.Member author = addUser(tenant, "member");
        TestTenant.Member other = addUser(tenant, "member");
        String hidden = create(author.api(), "Private", "private");
        String shared = create(author.api(), "Shared", "tenant");

        var ids = graphQl(other.api()).document("{ dashboards(first: 500) { nodes { id } pageInfo { hasNextPage endCursor } } }").execute()
                .path("dashboards.nodes[*].id").entityList(String.class).get();

        assertThat(ids).contains(shared).doesNotContain(hidden);
        graphQl(other.api()).document("query($id: ID!) { dashboard(id: $id) { id } }").variable("id", hidden).execute()
                .path("dashboard").valueIsNull();
    }

    @Test
    void anotherTenantsDashboardIsNull() {
        TestTenant a = newTenant();
        TestTenant b = newTenant();
        String id = create(a.api(), "A's", "tenant");

        graphQl(b.api()).document("query($id: ID!) { dashboard(id: $id) { id } }").variable("id", id).execute()
                .path("dashboard").valueIsNull();
    }

    @Test
    void dashboardsPageWithACursor() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        String first = create(member.api(), "One", "private");
        String second = create(member.api(), "Two", "private");
        HttpGraphQlTester graphQl = graphQl(member.api());

        var page = graphQl.document("{ dashboards(first: 1) { nodes { id } pageInfo { hasNextPage endCursor } } }").execute()
                .path("dashboards.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        String firstOfAll = page.path("dashboards.nodes[0].id").entity(String.class).get();
        String end = page.path("dashboards.pageInfo.endCursor").entity(String.class).get();
        var rest = graphQl.document("query($after: String) { dashboards(first: 500, after: $after) { nodes { id } } }").variable("after", end)
                .execute().path("dashboards.nodes[*].id").entityList(String.class).get();

        assertThat(rest).doesNotContain(firstOfAll);
        java.util.List<String> all = new java.util.ArrayList<>(rest);
        all.add(firstOfAll);
        assertThat(all).contains(first, second);
    }
}
