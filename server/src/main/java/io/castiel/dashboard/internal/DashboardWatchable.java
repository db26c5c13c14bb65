package io.castiel.dashboard.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.castiel.dashboard.Dashboard;
import io.castiel.dashboard.Widget;
import io.castiel.platform.Actor;
import io.castiel.platform.EventMessage;
import io.castiel.platform.TenantContext;
import io.castiel.realtime.Watchable;
import tools.jackson.databind.JsonNode;

/**
 * Lets a {@code /ws} socket watch a dashboard it may see: {@code {"type":"watch","dashboardId"}}
 * then {@code {"type":"dashboard.stale","dashboardId","widgetIds"}}. Which writes make a widget
 * stale follows what it reads: a query's shard type; for a query that groups across a
 * relationship ({@code related:...}), any shard and any relationship change, as the linked shards
 * may be of any type; for a metric (resolved by the analytics module, not here) and for the
 * activity feed, any shard change (activity also relationships). A change of the dashboard itself
 * makes all its widgets stale.
 */
@Component
class DashboardWatchable implements Watchable {

    private final Dashboards dashboards;
    private final TenantContext tenants;

    DashboardWatchable(Dashboards dashboards, TenantContext tenants) {
        this.dashboards = dashboards;
        this.tenants = tenants;
    }

    @Override
    public String idField() {
        return "dashboardId";
    }

    @Override
    public String staleType() {
        return "dashboard.stale";
    }

    @Override
    public String partsField() {
        return "widgetIds";
    }

    @Override
    public Optional<Watch> open(Actor actor, UUID id) {
        return tenants.inTenant(actor.tenantId(), () -> dashboards.findVisible(actor, id, false)).map(DashboardWatch::new);
    }

    /** What one widget reads, as far as changes are concerned. */
    private record Reads(String widgetId, Set<String> shardTypes, boolean anyShard, boolean relationships) {

        static Reads of(Widget widget) {
            JsonNode query = widget.query();
            if (query != null) {
                boolean related = false;
                for (JsonNode groupBy : query.path("groupBy")) {
                    related |= groupBy.asString("").startsWith("related:");
                }
                return new Reads(widget.id(), Set.of(query.path("shardType").asString("")), related, related);
            }
            if (widget.metricId() != null) {
                return new Reads(widget.id(), Set.of(), true, false);
            }
            if ("activity".equals(widget.kind())) {
                return new Reads(widget.id(), Set.of(), true, true);
            }
            return new Reads(widget.id(), Set.of(), false, false);
        }
    }

    private static final class DashboardWatch implements Watch {

        private final UUID id;
        private final List<Reads> widgets;

        DashboardWatch(Dashboard dashboard) {
            this.id = dashboard.id();
            this.widgets = dashboard.widgets().stream().map(Reads::of).toList();
        }

        @Override
        public Set<String> staleBy(EventMessage event) {
            Set<String> stale = new LinkedHashSet<>();
            String type = event.type();
            if (changedBy(event) && !type.endsWith(".deleted")) {
                widgets.forEach(w -> stale.add(w.widgetId()));
            } else if (type.startsWith("shard.") && event.data() != null) {
                String shardType = event.data().path("shardType").asString("");
                widgets.stream().filter(w -> w.anyShard() || w.shardTypes().contains(shardType)).forEach(w -> stale.add(w.widgetId()));
            } else if (type.startsWith("relationship.")) {
                widgets.stream().filter(Reads::relationships).forEach(w -> stale.add(w.widgetId()));
            }
            return stale;
        }

        @Override
        public boolean changedBy(EventMessage event) {
            return event.type().startsWith("dashboard.") && event.data() != null && id.toString().equals(event.data().path("id").asString(""));
        }
    }
}
