package io.castiel.graphql.internal;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;

import io.castiel.dashboard.Dashboard;
import io.castiel.dashboard.DashboardService;
import io.castiel.platform.ApiException;
import io.castiel.platform.Page;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code dashboards} and {@code dashboard(id)}: the dashboard module's service, as the REST controller calls it. */
@Controller
class DashboardGraphController {

    private final DashboardService dashboards;
    private final JsonMapper json;

    DashboardGraphController(DashboardService dashboards, JsonMapper json) {
        this.dashboards = dashboards;
        this.json = json;
    }

    @QueryMapping
    Views.NodePage<Dashboard> dashboards(@Argument int first, @Argument String after) {
        Page<Dashboard> page = dashboards.list(first, after);
        return new Views.NodePage<>(page.items(), new Views.PageInfo(page.nextCursor() != null, page.nextCursor()));
    }

    /** Null for an unknown, foreign or invisible dashboard, as {@code shard(id)} is: never a hint that it exists. */
    @QueryMapping
    Dashboard dashboard(@Argument String id) {
        try {
            return dashboards.get(Arguments.uuid(id, "id"));
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    @SchemaMapping(typeName = "Dashboard")
    JsonNode layout(Dashboard dashboard) {
        return json.valueToTree(dashboard.layout());
    }

    @SchemaMapping(typeName = "Dashboard")
    JsonNode widgets(Dashboard dashboard) {
        return json.valueToTree(dashboard.widgets());
    }
}
