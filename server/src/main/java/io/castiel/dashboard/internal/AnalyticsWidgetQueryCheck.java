package io.castiel.dashboard.internal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.castiel.analytics.AnalyticsQueries;
import io.castiel.analytics.MetricDefinitionService;

import io.castiel.platform.ApiException;
import io.castiel.platform.ApiException.FieldError;
import io.castiel.shard.AggregationQuery;
import io.castiel.shard.ShardAccess;
import io.castiel.shard.ShardAggregations;
import io.castiel.shard.ShardFilter;
import io.castiel.shard.ShardTypeService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a widget's analytics query as {@code POST /analytics/query} would take it: its shape as
 * API.md describes it first ({@code {shardType, where?, groupBy?, measures, sort?, limit?,
 * timezone?}}, each malformed member reported with its pointer), then, for a well-formed one, the
 * analytics engine's own check (fields the type declares, buckets on dates only, one relationship
 * hop), its pointers placed under the widget's. A metric widget's metric must exist and be readable.
 */
@Component
class AnalyticsWidgetQueryCheck implements WidgetQueryCheck {

    static final Set<String> FUNCTIONS = ShardAggregations.FUNCTIONS;
    static final Set<String> FIELDS = Set.of("shardType", "where", "groupBy", "measures", "sort", "limit", "timezone");
    static final int MAX_LIMIT = ShardAggregations.MAX_LIMIT;
    private static final String PATH = "[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*){0,7}";
    private static final Pattern GROUP_BY = Pattern.compile(
            "(related:[a-z][a-z0-9_]{1,62}:(out|in)\\." + PATH + "|" + PATH + ")(:(day|week|month|quarter|year))?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern SORT = Pattern.compile("-?[A-Za-z_][A-Za-z0-9_.:]{0,200}");

    private final ShardTypeService types;
    private final AnalyticsQueries analytics;
    private final MetricDefinitionService metrics;
    private final JsonMapper json;

    AnalyticsWidgetQueryCheck(ShardTypeService types, AnalyticsQueries analytics, MetricDefinitionService metrics, JsonMapper json) {
        this.types = types;
        this.analytics = analytics;
        this.metrics = metrics;
        this.json = json;
    }

    @Override
    public List<FieldError> problems(ShardAccess.Rules rules, JsonNode query, String pointer) {
        List<FieldError> problems = new ArrayList<>();
        if (query == null || !query.isObject()) {
            problems.add(new FieldError(pointer, "query must be an analytics query object {shardType, measures, ...}"));
            return problems;
        }
        for (String field : query.propertyNames()) {
            if (!FIELDS.contains(field)) {
                problems.add(new FieldError(pointer + "/" + field, "Unknown query field; expected one of " + FIELDS.stream().sorted().toList()));
            }
        }
        JsonNode shardType = query.get("shardType");
        if (shardType == null || !shardType.isString()) {
            problems.add(new FieldError(pointer + "/shardType", "shardType is required"));
        } else if (types.resolve(rules.actor().tenantId(), shardType.asString()).isEmpty() || !rules.mayReadType(shardType.asString())) {
            problems.add(new FieldError(pointer + "/shardType", "Unknown shard type " + shardType.asString()));
        }
        JsonNode where = query.get("where");
        if (where != null && !where.isNull()) {
            if (!where.isArray() || where.size() > ShardFilter.MAX_CONDITIONS) {
                problems.add(new FieldError(pointer + "/where", "where must be a list of at most " + ShardFilter.MAX_CONDITIONS
                        + " field:op:value strings"));
            } else {
                for (int i = 0; i < where.size(); i++) {
                    JsonNode condition = where.get(i);
                    if (!condition.isString()) {
                        problems.add(new FieldError(pointer + "/where/" + i, "A where filter is a string field:op:value"));
                        continue;
                    }
                    try {
                        ShardFilter.parse(List.of(condition.asString()));
                    } catch (ApiException e) {
                        problems.add(new FieldError(pointer + "/where/" + i, e.getMessage()));
                    }
                }
            }
        }
        strings(query.get("groupBy"), ShardAggregations.MAX_GROUP_BY, GROUP_BY, pointer + "/groupBy",
                "a field path, field:day|week|month|quarter|year or related:<relType>:<out|in>.<field>", problems);
        strings(query.get("sort"), 10, SORT, pointer + "/sort", "an output column, - in front for descending", problems);
        measures(query.get("measures"), pointer + "/measures", problems);
        JsonNode limit = query.get("limit");
        if (limit != null && !limit.isNull() && (!limit.isIntegralNumber() || !limit.canConvertToInt() || limit.asInt() < 1
                || limit.asInt() > MAX_LIMIT)) {
            problems.add(new FieldError(pointer + "/limit", "limit must be an integer from 1 to " + MAX_LIMIT));
        }
        JsonNode timezone = query.get("timezone");
        if (timezone != null && !timezone.isNull()) {
            if (!timezone.isString() || !validZone(timezone.asString())) {
                problems.add(new FieldError(pointer + "/timezone", "timezone must be an IANA time zone such as Europe/Paris"));
            }
        }
        if (problems.isEmpty()) {
            problems.addAll(engineProblems(rules, query, pointer));
        }
        return problems;
    }

    private List<FieldError> engineProblems(ShardAccess.Rules rules, JsonNode query, String pointer) {
        try {
            analytics.check(rules.actor(), json.treeToValue(query, AggregationQuery.class));
            return List.of();
        } catch (ApiException e) {
            if (e.errors().isEmpty()) {
                return List.of(new FieldError(pointer, e.getMessage()));
            }
            return e.errors().stream().map(error -> new FieldError(pointer + (error.pointer() == null ? "" : error.pointer()),
                    error.message())).toList();
        }
    }

    @Override
    public List<FieldError> metricProblems(ShardAccess.Rules rules, String metricId, String pointer) {
        try {
            metrics.get(UUID.fromString(metricId));
            return List.of();
        } catch (ApiException e) {
            return List.of(new FieldError(pointer, "No metric definition " + metricId + " that you may read"));
        }
    }

    private static void measures(JsonNode measures, String pointer, List<FieldError> problems) {
        if (measures == null || !measures.isArray() || measures.isEmpty() || measures.size() > 20) {
            problems.add(new FieldError(pointer, "measures must be a list of 1 to 20 {fn, field?, as?}"));
            return;
        }
        for (int i = 0; i < measures.size(); i++) {
            JsonNode measure = measures.get(i);
            String at = pointer + "/" + i;
            if (!measure.isObject()) {
                problems.add(new FieldError(at, "A measure is an object {fn, field?, as?}"));
                continue;
            }
            for (String field : measure.propertyNames()) {
                if (!Set.of("fn", "field", "as").contains(field)) {
                    problems.add(new FieldError(at + "/" + field, "Unknown measure field; expected fn, field or as"));
                }
            }
            JsonNode fn = measure.get("fn");
            if (fn == null || !fn.isString() || !FUNCTIONS.contains(fn.asString())) {
                problems.add(new FieldError(at + "/fn", "fn must be one of " + FUNCTIONS.stream().sorted().toList()));
            }
            JsonNode field = measure.get("field");
            boolean hasField = field != null && !field.isNull();
            if (hasField && (!field.isString() || !field.asString().matches(PATH))) {
                problems.add(new FieldError(at + "/field", "field must be a field path such as amount or address.country"));
            } else if (!hasField && fn != null && fn.isString() && FUNCTIONS.contains(fn.asString()) && !fn.asString().equals("count")) {
                problems.add(new FieldError(at + "/field", fn.asString() + " needs a field"));
            }
            JsonNode as = measure.get("as");
            if (as != null && !as.isNull() && (!as.isString() || !NAME.matcher(as.asString()).matches())) {
                problems.add(new FieldError(at + "/as", "as must be a column name of letters, digits and _"));
            }
        }
    }

    private static void strings(JsonNode values, int max, Pattern pattern, String pointer, String what, List<FieldError> problems) {
        if (values == null || values.isNull()) {
            return;
        }
        if (!values.isArray() || values.size() > max) {
            problems.add(new FieldError(pointer, "must be a list of at most " + max + " strings, each " + what));
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            JsonNode value = values.get(i);
            if (!value.isString() || !pattern.matcher(value.asString()).matches()) {
                problems.add(new FieldError(pointer + "/" + i, "must be " + what));
            }
        }
    }

    private static boolean validZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
