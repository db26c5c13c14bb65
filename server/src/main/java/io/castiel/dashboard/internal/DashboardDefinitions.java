package io.castiel.dashboard.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.castiel.dashboard.Dashboard;
import io.castiel.dashboard.LayoutItem;
import io.castiel.dashboard.Widget;
import io.castiel.platform.ApiException;
import io.castiel.platform.ApiException.FieldError;
import io.castiel.platform.Role;
import io.castiel.shard.ShardAccess;
import tools.jackson.databind.JsonNode;

/**
 * Reads a dashboard body ({@code {name, description?, visibility, roles?, layout, widgets}}) into a
 * {@link DashboardDefinition}, collecting every problem with its JSON pointer so that one 422 names
 * them all. The grid has {@value #COLUMNS} columns; widgets must not overlap.
 */
@Component
public class DashboardDefinitions {

    public static final int COLUMNS = 12;
    static final int MAX_ROWS = 1_000;
    static final int MAX_HEIGHT = 48;
    static final int MAX_WIDGETS = 50;
    static final Set<String> KINDS = Set.of("kpi", "bar", "line", "pie", "table", "list", "activity", "search", "ask", "text");
    /** Kinds that draw numbers or rows, so need a query or a metric; activity, search, ask and text get theirs elsewhere. */
    static final Set<String> DATA_KINDS = Set.of("kpi", "bar", "line", "pie", "table", "list");
    static final Set<String> VISIBILITIES = Set.of(Dashboard.PRIVATE, Dashboard.TENANT, Dashboard.ROLES);
    /** Fields the API shows but a client does not set: accepted in a body (a GET answer sent back) and ignored. */
    static final Set<String> READ_ONLY = Set.of("id", "ownerId", "revision", "createdAt", "updatedAt");
    static final Set<String> FIELDS = Set.of("name", "description", "visibility", "roles", "layout", "widgets");
    private static final Set<String> WIDGET_FIELDS = Set.of("id", "kind", "title", "query", "metricId", "options");
    private static final Set<String> LAYOUT_FIELDS = Set.of("widgetId", "x", "y", "w", "h");
    private static final Pattern WIDGET_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final WidgetQueryCheck queries;

    DashboardDefinitions(WidgetQueryCheck queries) {
        this.queries = queries;
    }

    /** The definition, or a 422 listing every problem (a body that is not an object is a 400). */
    public DashboardDefinition read(JsonNode body, ShardAccess.Rules rules) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The body must be a dashboard object");
        }
        List<FieldError> problems = new ArrayList<>();
        for (String field : body.propertyNames()) {
            if (!FIELDS.contains(field) && !READ_ONLY.contains(field)) {
                problems.add(new FieldError("/" + field, "Unknown field; a dashboard has " + FIELDS.stream().sorted().toList()));
            }
        }
        String name = text(body.get("name"), "/name", 200, true, problems);
        String description = text(body.get("description"), "/description", 2_000, false, problems);
        JsonNode visibilityNode = body.get("visibility");
        String visibility = null;
        if (visibilityNode == null || !visibilityNode.isString() || !VISIBILITIES.contains(visibilityNode.asString())) {
            problems.add(new FieldError("/visibility", "visibility must be private, tenant or roles"));
        } else {
            visibility = visibilityNode.asString();
        }
        List<String> roles = roles(body.get("roles"), visibility, problems);
        List<Widget> widgets = widgets(body.get("widgets"), rules, problems);
        List<LayoutItem> layout = layout(body.get("layout"), widgets, problems);
        if (!problems.isEmpty()) {
            throw ApiException.unprocessable("The dashboard is invalid", problems);
        }
        return new DashboardDefinition(name, description, visibility, roles, layout, widgets);
    }

    private static List<String> roles(JsonNode node, String visibility, List<FieldError> problems) {
        boolean absent = node == null || node.isNull() || node.isArray() && node.isEmpty();
        if (!Dashboard.ROLES.equals(visibility)) {
            if (!absent && visibility != null) {
                problems.add(new FieldError("/roles", "roles are only for visibility roles"));
            }
            return List.of();
        }
        if (absent || !node.isArray()) {
            problems.add(new FieldError("/roles", "visibility roles needs a list of roles (owner, admin, member, viewer)"));
            return List.of();
        }
        Set<String> roles = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode role = node.get(i);
            if (!role.isString() || Role.fromWire(role.asString()).isEmpty()) {
                problems.add(new FieldError("/roles/" + i, "Unknown role; roles are owner, admin, member, viewer"));
            } else {
                roles.add(role.asString());
            }
        }
        return List.copyOf(roles);
    }

    private List<Widget> widgets(JsonNode node, ShardAccess.Rules rules, List<FieldError> problems) {
        if (node == null || !node.isArray() || node.size() > MAX_WIDGETS) {
            problems.add(new FieldError("/widgets", "widgets must be a list of at most " + MAX_WIDGETS + " widgets"));
            return List.of();
        }
        List<Widget> widgets = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "/widgets/" + i;
            JsonNode widget = node.get(i);
            if (!widget.isObject()) {
                problems.add(new FieldError(at, "A widget is an object {id, kind, title, query?, metricId?, options?}"));
                continue;
            }
            for (String field : widget.propertyNames()) {
                if (!WIDGET_FIELDS.contains(field)) {
                    problems.add(new FieldError(at + "/" + field, "Unknown widget field; a widget has " + WIDGET_FIELDS.stream().sorted().toList()));
                }
            }
            JsonNode idNode = widget.get("id");
            String id = null;
            if (idNode == null || !idNode.isString() || !WIDGET_ID.matcher(idNode.asString()).matches()) {
                problems.add(new FieldError(at + "/id", "id must be 1 to 64 letters, digits, - or _"));
            } else if (!ids.add(idNode.asString())) {
                problems.add(new FieldError(at + "/id", "Another widget already has id " + idNode.asString()));
            } else {
                id = idNode.asString();
            }
            JsonNode kindNode = widget.get("kind");
            String kind = null;
            if (kindNode == null || !kindNode.isString() || !KINDS.contains(kindNode.asString())) {
                problems.add(new FieldError(at + "/kind", "kind must be one of " + KINDS.stream().sorted().toList()));
            } else {
                kind = kindNode.asString();
            }
            String title = text(widget.get("title"), at + "/title", 200, false, problems);
            if (widget.get("title") == null || widget.get("title").isNull()) {
                problems.add(new FieldError(at + "/title", "title is required (it may be empty)"));
            }
            JsonNode query = widget.get("query");
            boolean hasQuery = query != null && !query.isNull();
            if (hasQuery) {
                problems.addAll(queries.problems(rules, query, at + "/query"));
            }
            JsonNode metricNode = widget.get("metricId");
            String metricId = null;
            if (metricNode != null && !metricNode.isNull()) {
                if (!metricNode.isString() || !isUuid(metricNode.asString())) {
                    problems.add(new FieldError(at + "/metricId", "metricId must be a metric definition's id"));
                } else {
                    metricId = metricNode.asString();
                    problems.addAll(queries.metricProblems(rules, metricId, at + "/metricId"));
                }
            }
            if (hasQuery && metricNode != null && !metricNode.isNull()) {
                problems.add(new FieldError(at + "/metricId", "A widget takes its data from a query or a metric, not both"));
            } else if (kind != null && DATA_KINDS.contains(kind) && !hasQuery && (metricNode == null || metricNode.isNull())) {
                problems.add(new FieldError(at + "/query", "A " + kind + " widget needs a query or a metricId"));
            } else if ("text".equals(kind) && (hasQuery || metricNode != null && !metricNode.isNull())) {
                problems.add(new FieldError(at + (hasQuery ? "/query" : "/metricId"), "A text widget shows its options' text, no data"));
            }
            JsonNode options = widget.get("options");
            if (options != null && !options.isNull() && !options.isObject()) {
                problems.add(new FieldError(at + "/options", "options must be an object"));
            }
            widgets.add(new Widget(id, kind, title, hasQuery ? query : null, metricId, options == null || options.isNull() ? null : options));
        }
        return widgets;
    }

    private static List<LayoutItem> layout(JsonNode node, List<Widget> widgets, List<FieldError> problems) {
        if (node == null || !node.isArray()) {
            problems.add(new FieldError("/layout", "layout must be a list of {widgetId, x, y, w, h}"));
            return List.of();
        }
        Set<String> widgetIds = new HashSet<>();
        widgets.forEach(w -> widgetIds.add(w.id()));
        Set<String> placed = new HashSet<>();
        List<LayoutItem> items = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "/layout/" + i;
            JsonNode item = node.get(i);
            if (!item.isObject()) {
                problems.add(new FieldError(at, "A layout item is an object {widgetId, x, y, w, h}"));
                continue;
            }
            for (String field : item.propertyNames()) {
                if (!LAYOUT_FIELDS.contains(field)) {
                    problems.add(new FieldError(at + "/" + field, "Unknown layout field; an item has widgetId, x, y, w, h"));
                }
            }
            JsonNode widgetId = item.get("widgetId");
            boolean valid = true;
            if (widgetId == null || !widgetId.isString() || !widgetIds.contains(widgetId.asString())) {
                problems.add(new FieldError(at + "/widgetId", "widgetId must be the id of one of the widgets"));
                valid = false;
            } else if (!placed.add(widgetId.asString())) {
                problems.add(new FieldError(at + "/widgetId", "Widget " + widgetId.asString() + " is already placed"));
                valid = false;
            }
            Integer x = integer(item.get("x"), at + "/x", 0, COLUMNS - 1, problems);
            Integer y = integer(item.get("y"), at + "/y", 0, MAX_ROWS, problems);
            Integer w = integer(item.get("w"), at + "/w", 1, COLUMNS, problems);
            Integer h = integer(item.get("h"), at + "/h", 1, MAX_HEIGHT, problems);
            if (x == null || y == null || w == null || h == null) {
                continue;
            }
            if (x + w > COLUMNS) {
                problems.add(new FieldError(at + "/w", "x + w must be at most " + COLUMNS + " (the grid's columns)"));
                continue;
            }
            if (!valid) {
                continue;
            }
            LayoutItem placedItem = new LayoutItem(widgetId.asString(), x, y, w, h);
            for (int j = 0; j < items.size(); j++) {
                if (overlap(items.get(j), placedItem)) {
                    problems.add(new FieldError(at, "Overlaps the widget at /layout/" + positions.get(j)));
                    break;
                }
            }
            items.add(placedItem);
            positions.add(i);
        }
        return items;
    }

    private static boolean overlap(LayoutItem a, LayoutItem b) {
        return a.x() < b.x() + b.w() && b.x() < a.x() + a.w() && a.y() < b.y() + b.h() && b.y() < a.y() + a.h();
    }

    private static Integer integer(JsonNode node, String pointer, int min, int max, List<FieldError> problems) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
            problems.add(new FieldError(pointer, "must be an integer from " + min + " to " + max));
            return null;
        }
        return node.asInt();
    }

    private static String text(JsonNode node, String pointer, int max, boolean required, List<FieldError> problems) {
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(new FieldError(pointer, "is required"));
            }
            return null;
        }
        if (!node.isString() || node.asString().length() > max || required && node.asString().isBlank()) {
            problems.add(new FieldError(pointer, "must be " + (required ? "a non-empty" : "a") + " string of at most " + max + " characters"));
            return null;
        }
        return required ? node.asString().trim() : node.asString();
    }

    private static boolean isUuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
