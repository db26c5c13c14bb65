package io.castiel.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.dashboard.internal.DashboardDefinition;
import io.castiel.dashboard.internal.DashboardDefinitions;
import io.castiel.dashboard.internal.Dashboards;
import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiException;
import io.castiel.platform.Cursors;
import io.castiel.platform.DomainEvents;
import io.castiel.platform.Ids;
import io.castiel.platform.Page;
import io.castiel.platform.PageRequest;
import io.castiel.platform.Role;
import io.castiel.shard.ShardAccess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Dashboards: who sees and changes which, validation, revisions (ETags), audit and events, in one
 * place for REST and GraphQL. Visibility works as GitHub's organisation repositories do: private
 * ones are their owner's, {@code tenant} ones every member's, {@code roles} ones those holding one of
 * the roles (or a higher one); admins and owners of the tenant see and manage every dashboard.
 * Only a dashboard's owner or an admin changes or deletes it; sharing one (tenant, roles) needs
 * the member role, so a viewer keeps private dashboards only. A dashboard the actor may not see
 * is a 404, as a foreign one is.
 */
@Service
public class DashboardService {

    private final Dashboards dashboards;
    private final DashboardDefinitions definitions;
    private final ShardAccess access;
    private final ActorContext actors;
    private final AuditLog audit;
    private final DomainEvents events;
    private final Cursors cursors;
    private final Ids ids;
    private final Clock clock;
    private final JsonMapper json;

    DashboardService(Dashboards dashboards, DashboardDefinitions definitions, ShardAccess access, ActorContext actors, AuditLog audit,
            DomainEvents events, Cursors cursors, Ids ids, Clock clock, JsonMapper json) {
        this.dashboards = dashboards;
        this.definitions = definitions;
        this.access = access;
        this.actors = actors;
        this.audit = audit;
        this.events = events;
        this.cursors = cursors;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public Page<Dashboard> list(int limit, String cursor) {
        Actor actor = actors.requireRole(Role.VIEWER);
        PageRequest page = PageRequest.of(limit, cursor);
        List<Dashboard> rows = dashboards.listVisible(actor, cursors.afterId(page, "id"), page.rowsToFetch());
        return cursors.pageById(rows, page, "id", Dashboard::id);
    }

    @Transactional(readOnly = true)
    public Dashboard get(UUID id) {
        Actor actor = actors.requireRole(Role.VIEWER);
        return dashboards.findVisible(actor, id, false).orElseThrow(() -> notFound(id));
    }

    @Transactional
    public Dashboard create(JsonNode body) {
        Actor actor = actors.requireRole(Role.VIEWER);
        DashboardDefinition definition = definitions.read(body, access.rules(actor));
        requireMaySet(actor, definition.visibility());
        Instant now = now();
        Dashboard dashboard = new Dashboard(ids.next(), definition.name(), definition.description(), definition.visibility(),
                definition.roles(), definition.layout(), definition.widgets(), actor.userId(), 1, now, now);
        dashboards.insert(actor.tenantId(), dashboard);
        audit.record(AuditEntry.of("dashboard.created", "dashboard", dashboard.id(), summary(dashboard)));
        events.publish(h -> new DashboardCreated(h, dashboard));
        return dashboard;
    }

    /**
     * A JSON merge patch of the definition's fields (each top-level field given replaces the
     * current one; {@code null} clears description and roles); the result is validated whole.
     */
    @Transactional
    public Dashboard patch(UUID id, JsonNode patch, Integer expectedRevision) {
        Actor actor = actors.requireRole(Role.VIEWER);
        if (patch == null || !patch.isObject()) {
            throw ApiException.badRequest("The body must be a JSON merge patch object");
        }
        Dashboard current = lockForChange(actor, id, expectedRevision);
        ObjectNode merged = definitionOf(current);
        if (patch.has("visibility") && !patch.has("roles") && !Dashboard.ROLES.equals(patch.path("visibility").asString(""))) {
            merged.remove("roles"); // leaving roles sharing: the roles go with it
        }
        patch.properties().forEach(field -> {
            if (field.getValue().isNull()) {
                merged.remove(field.getKey());
            } else {
                merged.set(field.getKey(), field.getValue());
            }
        });
        DashboardDefinition definition = definitions.read(merged, access.rules(actor));
        if (!definition.visibility().equals(current.visibility())) {
            requireMaySet(actor, definition.visibility());
        }
        Dashboard next = new Dashboard(current.id(), definition.name(), definition.description(), definition.visibility(),
                definition.roles(), definition.layout(), definition.widgets(), current.ownerId(), current.revision() + 1,
                current.createdAt(), now());
        if (definitionOf(next).equals(definitionOf(current))) {
            return current;
        }
        dashboards.update(actor.tenantId(), next);
        ObjectNode changes = JsonNodeFactory.instance.objectNode().put("revision", next.revision());
        changes.set("patch", patch);
        audit.record(AuditEntry.of("dashboard.updated", "dashboard", id, changes));
        events.publish(h -> new DashboardUpdated(h, next, current));
        return next;
    }

    @Transactional
    public void delete(UUID id, Integer expectedRevision) {
        Actor actor = actors.requireRole(Role.VIEWER);
        Dashboard current = lockForChange(actor, id, expectedRevision);
        dashboards.delete(actor.tenantId(), id);
        audit.record(AuditEntry.of("dashboard.deleted", "dashboard", id, summary(current)));
        events.publish(h -> new DashboardDeleted(h, current));
    }

    /** A private copy for the caller of a dashboard it may see, named "… (copy)". */
    @Transactional
    public Dashboard duplicate(UUID id) {
        Actor actor = actors.requireRole(Role.VIEWER);
        Dashboard source = dashboards.findVisible(actor, id, false).orElseThrow(() -> notFound(id));
        Instant now = now();
        String name = source.name().length() > 193 ? source.name().substring(0, 193) : source.name();
        Dashboard copy = new Dashboard(ids.next(), name + " (copy)", source.description(), Dashboard.PRIVATE, List.of(), source.layout(),
                source.widgets(), actor.userId(), 1, now, now);
        dashboards.insert(actor.tenantId(), copy);
        audit.record(AuditEntry.of("dashboard.created", "dashboard", copy.id(), summary(copy).put("duplicateOf", id.toString())));
        events.publish(h -> new DashboardCreated(h, copy));
        return copy;
    }

    /** The caller's default dashboard, or null when it has none or can no longer see it. */
    @Transactional(readOnly = true)
    public UUID defaultDashboard() {
        Actor actor = actors.requireRole(Role.VIEWER);
        return dashboards.defaultOf(actor.tenantId(), actor.userId())
                .filter(id -> dashboards.findVisible(actor, id, false).isPresent()).orElse(null);
    }

    /** Sets (or, with null, clears) the caller's default dashboard: one it may see. */
    @Transactional
    public UUID setDefaultDashboard(UUID dashboardId) {
        Actor actor = actors.requireRole(Role.VIEWER);
        if (dashboardId != null && dashboards.findVisible(actor, dashboardId, false).isEmpty()) {
            throw ApiException.unprocessable("Dashboard " + dashboardId + " does not exist",
                    List.of(new ApiException.FieldError("/dashboardId", "No dashboard with this id")));
        }
        dashboards.setDefault(actor.tenantId(), actor.userId(), dashboardId);
        audit.record(AuditEntry.of("dashboard.default_set", "user", actor.userId(),
                JsonNodeFactory.instance.objectNode().put("dashboardId", dashboardId == null ? null : dashboardId.toString())));
        return dashboardId;
    }

    /** Locks a dashboard the actor may see, checks it may change it (owner or admin) and If-Match. */
    private Dashboard lockForChange(Actor actor, UUID id, Integer expectedRevision) {
        Dashboard current = dashboards.findVisible(actor, id, true).orElseThrow(() -> notFound(id));
        if (!actor.has(Role.ADMIN) && !actor.userId().equals(current.ownerId())) {
            throw ApiException.forbidden("Only the dashboard's owner or an admin changes it");
        }
        if (expectedRevision != null && expectedRevision != current.revision()) {
            throw ApiException.preconditionFailed("If-Match names revision " + expectedRevision + " but the dashboard is at revision "
                    + current.revision());
        }
        return current;
    }

    private static void requireMaySet(Actor actor, String visibility) {
        if (!Dashboard.PRIVATE.equals(visibility) && !actor.has(Role.MEMBER)) {
            throw ApiException.forbidden("Sharing a dashboard needs the member role; viewers keep private ones");
        }
    }

    private ObjectNode definitionOf(Dashboard dashboard) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", dashboard.name());
        if (dashboard.description() != null) {
            node.put("description", dashboard.description());
        }
        node.put("visibility", dashboard.visibility());
        if (!dashboard.roles().isEmpty()) {
            node.set("roles", json.valueToTree(dashboard.roles()));
        }
        node.set("layout", json.valueToTree(dashboard.layout()));
        node.set("widgets", json.valueToTree(dashboard.widgets()));
        return node;
    }

    private static ObjectNode summary(Dashboard dashboard) {
        return JsonNodeFactory.instance.objectNode().put("name", dashboard.name()).put("visibility", dashboard.visibility())
                .put("revision", dashboard.revision());
    }

    private static ApiException notFound(UUID id) {
        return ApiException.notFound("Dashboard", id);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
