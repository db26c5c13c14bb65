package io.castiel.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.dashboard.internal.SavedViews;
import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiException;
import io.castiel.platform.ApiException.FieldError;
import io.castiel.platform.Cursors;
import io.castiel.platform.Ids;
import io.castiel.platform.Page;
import io.castiel.platform.PageRequest;
import io.castiel.platform.Role;
import io.castiel.shard.ShardAccess;
import io.castiel.shard.ShardFilter;
import io.castiel.shard.ShardQuery;
import io.castiel.shard.ShardTypeService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Saved views: named shard lists ({@code {name, shardType, where, sort, columns, visibility}}).
 * {@code where} and {@code sort} are checked by the shard module's own parsers, so a view saves
 * exactly what {@code GET /shards} accepts. Visibility and rights as for dashboards: private
 * (the owner's) or tenant (everyone's); admins see and manage all; sharing needs the member role.
 */
@Service
public class SavedViewService {

    static final Set<String> FIELDS = Set.of("name", "shardType", "where", "sort", "columns", "visibility");
    static final Set<String> READ_ONLY = Set.of("id", "ownerId", "revision", "createdAt", "updatedAt");
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,200}");

    private final SavedViews views;
    private final ShardTypeService types;
    private final ShardAccess access;
    private final ActorContext actors;
    private final AuditLog audit;
    private final Cursors cursors;
    private final Ids ids;
    private final Clock clock;

    SavedViewService(SavedViews views, ShardTypeService types, ShardAccess access, ActorContext actors, AuditLog audit, Cursors cursors,
            Ids ids, Clock clock) {
        this.views = views;
        this.types = types;
        this.access = access;
        this.actors = actors;
        this.audit = audit;
        this.cursors = cursors;
        this.ids = ids;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<SavedView> list(String shardType, int limit, String cursor) {
        Actor actor = actors.requireRole(Role.VIEWER);
        PageRequest page = PageRequest.of(limit, cursor);
        return cursors.pageById(views.listVisible(actor, shardType, cursors.afterId(page, "id"), page.rowsToFetch()), page, "id",
                SavedView::id);
    }

    @Transactional(readOnly = true)
    public SavedView get(UUID id) {
        Actor actor = actors.requireRole(Role.VIEWER);
        return views.findVisible(actor, id, false).orElseThrow(() -> ApiException.notFound("Saved view", id));
    }

    @Transactional
    public SavedView create(JsonNode body) {
        Actor actor = actors.requireRole(Role.VIEWER);
        Instant now = now();
        SavedView view = read(actor, body, ids.next(), actor.userId(), 1, now, now);
        views.insert(actor.tenantId(), view);
        audit.record(AuditEntry.of("savedview.created", "saved_view", view.id(), JsonNodeFactory.instance.objectNode()
                .put("name", view.name()).put("shardType", view.shardType()).put("visibility", view.visibility())));
        return view;
    }

    /** A JSON merge patch of the view's fields; the result is validated whole. */
    @Transactional
    public SavedView patch(UUID id, JsonNode patch, Integer expectedRevision) {
        Actor actor = actors.requireRole(Role.VIEWER);
        if (patch == null || !patch.isObject()) {
            throw ApiException.badRequest("The body must be a JSON merge patch object");
        }
        SavedView current = lockForChange(actor, id, expectedRevision);
        ObjectNode merged = JsonNodeFactory.instance.objectNode().put("name", current.name()).put("shardType", current.shardType())
                .put("sort", current.sort()).put("visibility", current.visibility());
        current.where().forEach(merged.putArray("where")::add);
        current.columns().forEach(merged.putArray("columns")::add);
        patch.properties().forEach(field -> merged.set(field.getKey(), field.getValue()));
        SavedView next = read(actor, merged, id, current.ownerId(), current.revision() + 1, current.createdAt(), now());
        views.update(actor.tenantId(), next);
        ObjectNode changes = JsonNodeFactory.instance.objectNode().put("revision", next.revision());
        changes.set("patch", patch);
        audit.record(AuditEntry.of("savedview.updated", "saved_view", id, changes));
        return next;
    }

    @Transactional
    public void delete(UUID id, Integer expectedRevision) {
        Actor actor = actors.requireRole(Role.VIEWER);
        SavedView current = lockForChange(actor, id, expectedRevision);
        views.delete(actor.tenantId(), id);
        audit.record(AuditEntry.of("savedview.deleted", "saved_view", id, JsonNodeFactory.instance.objectNode().put("name", current.name())));
    }

    private SavedView lockForChange(Actor actor, UUID id, Integer expectedRevision) {
        SavedView current = views.findVisible(actor, id, true).orElseThrow(() -> ApiException.notFound("Saved view", id));
        if (!actor.has(Role.ADMIN) && !actor.userId().equals(current.ownerId())) {
            throw ApiException.forbidden("Only the view's owner or an admin changes it");
        }
        if (expectedRevision != null && expectedRevision != current.revision()) {
            throw ApiException.preconditionFailed("If-Match names revision " + expectedRevision + " but the view is at revision "
                    + current.revision());
        }
        return current;
    }

    private SavedView read(Actor actor, JsonNode body, UUID id, UUID ownerId, int revision, Instant createdAt, Instant updatedAt) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The body must be a saved view object");
        }
        List<FieldError> problems = new ArrayList<>();
        for (String field : body.propertyNames()) {
            if (!FIELDS.contains(field) && !READ_ONLY.contains(field)) {
                problems.add(new FieldError("/" + field, "Unknown field; a saved view has " + FIELDS.stream().sorted().toList()));
            }
        }
        JsonNode name = body.get("name");
        if (name == null || !name.isString() || name.asString().isBlank() || name.asString().length() > 200) {
            problems.add(new FieldError("/name", "name must be a non-empty string of at most 200 characters"));
        }
        JsonNode shardType = body.get("shardType");
        if (shardType == null || !shardType.isString() || types.resolve(actor.tenantId(), shardType.asString()).isEmpty()
                || !access.rules(actor).mayReadType(shardType.asString())) {
            problems.add(new FieldError("/shardType", "shardType must be a shard type the caller may read"));
        }
        List<String> where = strings(body.get("where"), "/where", ShardFilter.MAX_CONDITIONS, problems);
        for (int i = 0; i < where.size(); i++) {
            try {
                ShardFilter.parse(List.of(where.get(i)));
            } catch (ApiException e) {
                problems.add(new FieldError("/where/" + i, e.getMessage()));
            }
        }
        JsonNode sortNode = body.get("sort");
        String sort = null;
        if (sortNode != null && !sortNode.isNull()) {
            if (!sortNode.isString()) {
                problems.add(new FieldError("/sort", "sort must be a string such as -updatedAt or structuredData.amount"));
            } else {
                try {
                    ShardQuery.checkSort(sortNode.asString());
                    sort = sortNode.asString().isBlank() ? null : sortNode.asString().trim();
                } catch (ApiException e) {
                    problems.add(new FieldError("/sort", e.getMessage()));
                }
            }
        }
        List<String> columns = strings(body.get("columns"), "/columns", 50, problems);
        for (int i = 0; i < columns.size(); i++) {
            if (!COLUMN.matcher(columns.get(i)).matches()) {
                problems.add(new FieldError("/columns/" + i, "A column is a field path such as name, structuredData.amount or createdAt"));
            }
        }
        JsonNode visibilityNode = body.get("visibility");
        String visibility = Dashboard.PRIVATE;
        if (visibilityNode != null && !visibilityNode.isNull()) {
            if (!visibilityNode.isString() || !Set.of(Dashboard.PRIVATE, Dashboard.TENANT).contains(visibilityNode.asString())) {
                problems.add(new FieldError("/visibility", "visibility must be private or tenant"));
            } else {
                visibility = visibilityNode.asString();
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.unprocessable("The saved view is invalid", problems);
        }
        if (!Dashboard.PRIVATE.equals(visibility) && !actor.has(Role.MEMBER)) {
            throw ApiException.forbidden("Sharing a view needs the member role; viewers keep private ones");
        }
        return new SavedView(id, name.asString().trim(), shardType.asString(), where, sort, columns, visibility, ownerId, revision,
                createdAt, updatedAt);
    }

    private static List<String> strings(JsonNode node, String pointer, int max, List<FieldError> problems) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > max) {
            problems.add(new FieldError(pointer, "must be a list of at most " + max + " strings"));
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isString()) {
                problems.add(new FieldError(pointer + "/" + i, "must be a string"));
            } else {
                values.add(node.get(i).asString());
            }
        }
        return values;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
