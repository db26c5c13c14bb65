package io.castiel.dashboard.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import io.castiel.dashboard.Dashboard;
import io.castiel.identity.TenantCreated;
import io.castiel.platform.Actor;
import io.castiel.platform.Ids;
import io.castiel.platform.Role;
import io.castiel.platform.TenantContext;
import io.castiel.shard.ShardAccess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives every new tenant the built-in "Sales pipeline" dashboard, shared with the whole tenant and
 * owned by no one (admins change it). It is made only of the public query language over the
 * built-in {@code c_opportunity} type, and goes through the same validation as a client's
 * dashboard. It is part of the tenant's creation, which the tenant's own audit row records: no
 * {@code dashboard.created} event or audit row of its own, as no one made it. A durable listener,
 * retried until it succeeds; a tenant that already has its starter dashboard is left alone.
 */
@Component
class StarterDashboards {

    static final String SALES_PIPELINE = """
            {
              "name": "Sales pipeline",
              "description": "Open pipeline by stage, won deals by month, top accounts and recent activity.",
              "visibility": "tenant",
              "widgets": [
                {"id": "pipeline-by-stage", "kind": "bar", "title": "Pipeline by stage",
                 "query": {"shardType": "c_opportunity", "groupBy": ["stage"],
                           "measures": [{"fn": "sum", "field": "amount", "as": "amount"}, {"fn": "count", "as": "deals"}],
                           "sort": ["-amount"]}},
                {"id": "won-by-month", "kind": "line", "title": "Won by month",
                 "query": {"shardType": "c_opportunity", "where": ["stage:eq:closed_won"], "groupBy": ["closeDate:month"],
                           "measures": [{"fn": "sum", "field": "amount", "as": "amount"}]}},
                {"id": "top-accounts", "kind": "table", "title": "Top accounts",
                 "query": {"shardType": "c_opportunity", "groupBy": ["related:has_opportunity:in.name"],
                           "measures": [{"fn": "sum", "field": "amount", "as": "amount"}, {"fn": "count", "as": "deals"}],
                           "sort": ["-amount"], "limit": 10}},
                {"id": "recent-activity", "kind": "activity", "title": "Recent activity", "options": {"limit": 20}}
              ],
              "layout": [
                {"widgetId": "pipeline-by-stage", "x": 0, "y": 0, "w": 6, "h": 4},
                {"widgetId": "won-by-month", "x": 6, "y": 0, "w": 6, "h": 4},
                {"widgetId": "top-accounts", "x": 0, "y": 4, "w": 6, "h": 5},
                {"widgetId": "recent-activity", "x": 6, "y": 4, "w": 6, "h": 5}
              ]
            }""";

    private final TenantContext tenants;
    private final DashboardDefinitions definitions;
    private final Dashboards dashboards;
    private final ShardAccess access;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Ids ids;
    private final Clock clock;

    StarterDashboards(TenantContext tenants, DashboardDefinitions definitions, Dashboards dashboards, ShardAccess access, JdbcClient jdbc,
            JsonMapper json, Ids ids, Clock clock) {
        this.tenants = tenants;
        this.definitions = definitions;
        this.dashboards = dashboards;
        this.access = access;
        this.jdbc = jdbc;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(TenantCreated created) {
        tenants.inTenant(created.tenantId(), () -> {
            boolean present = jdbc.sql("select exists (select 1 from dashboards where tenant_id = ? and owner_id is null)")
                    .param(created.tenantId()).query(Boolean.class).single();
            if (!present) {
                // Validated as the tenant's owner would be: the starter passes every check a client's dashboard does.
                Actor owner = new Actor(created.ownerId(), created.tenantId(), Set.of(Role.OWNER));
                JsonNode body = json.readTree(SALES_PIPELINE);
                DashboardDefinition definition = definitions.read(body, access.rules(owner));
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                dashboards.insert(created.tenantId(), new Dashboard(ids.next(), definition.name(), definition.description(),
                        definition.visibility(), definition.roles(), definition.layout(), definition.widgets(), null, 1, now, now));
            }
            return null;
        });
    }
}
