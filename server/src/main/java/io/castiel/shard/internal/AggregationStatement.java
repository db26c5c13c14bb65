package io.castiel.shard.internal;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;

import io.castiel.platform.ApiException;
import io.castiel.platform.ApiException.FieldError;
import io.castiel.shard.AggregationQuery;
import io.castiel.shard.AggregationResult.Column;
import io.castiel.shard.AggregationWindow;
import io.castiel.shard.ShardFilter;
import io.castiel.shard.internal.AggregationFields.Field;
import io.castiel.shard.internal.AggregationFields.Kind;
import tools.jackson.databind.JsonNode;

/**
 * One {@link AggregationQuery} as one PostgreSQL statement. The shards are filtered first, in a
 * CTE over the shards table alone, by exactly what {@code GET /shards} applies (type, not deleted,
 * the {@link WhereFilter} conditions and the caller's {@link ReadFilter}); the groups are then
 * computed from them, a relationship hop joining the oldest readable linked shard (so a shard
 * counts once) and {@code metadata.tags} unnested. Every value from the request is a bind
 * parameter; field paths, bucket units and column aliases are checked or generated before they
 * are written into the text. Malformed input is a 400, input the type cannot answer a 422, each
 * with a pointer into the request.
 */
public record AggregationStatement(String sql, Map<String, Object> params, List<Column> columns, int limit) {

    public static final int DEFAULT_LIMIT = 1_000;
    public static final int MAX_LIMIT = 10_000;
    public static final int MAX_GROUP_BY = 4;
    static final int MAX_MEASURES = 20;
    static final int MAX_SORT = 10;

    public static final Set<String> FUNCTIONS = Set.of("count", "sum", "avg", "min", "max", "countDistinct", "p50", "p90");
    private static final Set<String> NUMERIC_FUNCTIONS = Set.of("sum", "avg", "min", "max", "p50", "p90");
    private static final Set<String> BUCKETS = Set.of("day", "week", "month", "quarter", "year");
    private static final Pattern RELATED = Pattern.compile("^related:([a-z][a-z0-9_]{1,62}):(out|in)\\.(.+)$");
    private static final Pattern COLUMN_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,62}$");

    /**
     * A valid calendar date at the start of {@code %1$s} (a text expression), else null: stored
     * data may predate a schema change, and a failed cast would fail the whole statement.
     */
    private static final String SAFE_DATE = """
            (case when %1$s ~ '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])' then
                case when cast(substr(%1$s, 9, 2) as integer) <= extract(day from make_date(cast(substr(%1$s, 1, 4) as integer),
                        cast(substr(%1$s, 6, 2) as integer), 1) + interval '1 month - 1 day')
                    then cast(substr(%1$s, 1, 10) as date) end end)""";

    /** As {@link #SAFE_DATE} for an RFC 3339 date-time with its offset: the instant, else null. */
    private static final String SAFE_INSTANT = """
            (case when %1$s ~ '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?([Zz]|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])$' then
                case when cast(substr(%1$s, 9, 2) as integer) <= extract(day from make_date(cast(substr(%1$s, 1, 4) as integer),
                        cast(substr(%1$s, 6, 2) as integer), 1) + interval '1 month - 1 day')
                    then cast(%1$s as timestamptz) end end)""";

    /** A grouping as parsed: the field (with the relationship it is read through, if any) and its bucket. */
    private record Grouping(Field field, String bucket, String relationType, String direction) {
    }

    /** An output column as SQL computes it: its expression and what it is called and typed as. */
    private record Output(String expression, Column column, boolean group) {
    }

    /**
     * The statement for {@code query} over shards of its type, whose effective schema is
     * {@code schema}; {@code readable} and {@code linkedReadable} are the caller's read filter on
     * the aliases {@code s} and {@code rs}; {@code window} (may be null) keeps to a date range.
     */
    public static AggregationStatement build(UUID tenantId, AggregationQuery query, JsonNode schema, ReadFilter readable,
            ReadFilter linkedReadable, AggregationWindow window) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", tenantId);
        params.put("shard_type", query.shardType());
        String zone = zone(query.timezone());
        params.put("tz", zone);
        int limit = limit(query.limit());

        StringBuilder filters = new StringBuilder();
        List<String> where = query.where() == null ? List.of() : query.where();
        if (where.size() > ShardFilter.MAX_CONDITIONS) {
            throw bad("At most " + ShardFilter.MAX_CONDITIONS + " where filters", "/where");
        }
        for (int i = 0; i < where.size(); i++) {
            String pointer = "/where/" + i;
            if (where.get(i) == null) {
                throw bad("A where filter is a string field:operator:value", pointer);
            }
            WhereFilter.Condition condition;
            try {
                condition = WhereFilter.parse(where.get(i));
            } catch (ApiException e) {
                throw new ApiException(e.status(), e.title(), e.getMessage(), List.of(new FieldError(pointer, e.getMessage())));
            }
            if (!AggregationFields.declares(schema, condition.path())) {
                throw unprocessable("The schema of " + query.shardType() + " does not declare the field " + String.join(".", condition.path()),
                        pointer);
            }
            WhereFilter.append(where.get(i), i, filters, params);
        }
        if (window != null) {
            filters.append(windowCondition(window, schema, params));
        }
        filters.append(readable.sql());
        params.putAll(readable.params());

        List<Grouping> groupings = groupings(query, schema);
        List<Output> outputs = new ArrayList<>();
        StringBuilder joins = new StringBuilder();
        Map<String, String> relationAliases = new LinkedHashMap<>();
        boolean tags = false;
        for (int i = 0; i < groupings.size(); i++) {
            Grouping grouping = groupings.get(i);
            String alias = "f";
            if (grouping.relationType() != null) {
                String key = grouping.relationType() + ":" + grouping.direction();
                alias = relationAliases.get(key);
                if (alias == null) {
                    alias = "rel" + relationAliases.size();
                    relationAliases.put(key, alias);
                    joins.append(relationJoin(alias, grouping.direction(), linkedReadable));
                    params.put(alias + "_type", grouping.relationType());
                    params.putAll(linkedReadable.params());
                }
            }
            if (grouping.field().kind() == Kind.TAGS) {
                if (tags) {
                    throw unprocessable("metadata.tags can be grouped by once", "/groupBy/" + i);
                }
                tags = true;
                joins.append("""

                        left join lateral jsonb_array_elements_text(case when jsonb_typeof(f.metadata -> 'tags') = 'array'
                            then f.metadata -> 'tags' end) as tag(value) on true""");
            }
            outputs.add(groupOutput(grouping, alias, query.groupBy().get(i), i));
        }
        addCurrencyColumns(query, schema, groupings, outputs);
        int groupCount = outputs.size();
        addMeasures(query, schema, outputs);

        List<Column> columns = outputs.stream().map(Output::column).toList();
        Set<String> names = new LinkedHashSet<>();
        for (Column column : columns) {
            if (!names.add(column.name())) {
                throw bad("Two output columns are named " + column.name() + "; name one with \"as\"", "/measures");
            }
        }

        StringBuilder select = new StringBuilder();
        for (int i = 0; i < outputs.size(); i++) {
            select.append(i == 0 ? "" : ",\n           ").append(outputs.get(i).expression()).append(" as c").append(i);
        }
        StringBuilder groupBy = new StringBuilder();
        for (int i = 0; i < groupCount; i++) {
            groupBy.append(i == 0 ? "\n    group by " : ", ").append(i + 1);
        }
        params.put("row_limit", limit);
        String sql = """
                with filtered as (
                    select s.id, s.shard_type, s.structured_data, s.metadata, s.status, s.created_by, s.created_at, s.updated_at
                    from shards s
                    where s.tenant_id = :tenant and s.shard_type = :shard_type and s.status <> 'deleted'%s
                ),
                grouped as (
                    select %s
                    from filtered f%s%s
                )
                select *, count(*) over () as group_count
                from grouped
                order by %s
                limit :row_limit""".formatted(filters, select, joins, groupBy, order(query.sort(), columns, groupCount));
        return new AggregationStatement(sql, params, columns, limit);
    }

    private static List<Grouping> groupings(AggregationQuery query, JsonNode schema) {
        List<String> groupBy = query.groupBy() == null ? List.of() : query.groupBy();
        if (groupBy.size() > MAX_GROUP_BY) {
            throw bad("At most " + MAX_GROUP_BY + " groupBy entries", "/groupBy");
        }
        List<Grouping> groupings = new ArrayList<>();
        for (int i = 0; i < groupBy.size(); i++) {
            groupings.add(grouping(groupBy.get(i), schema, query.shardType(), "/groupBy/" + i));
        }
        return groupings;
    }

    /** {@code field}, {@code field:bucket}, {@code related:<relType>:<out|in>.<field>[:bucket]}. */
    private static Grouping grouping(String spec, JsonNode schema, String shardType, String pointer) {
        if (spec == null || spec.isBlank()) {
            throw bad("A groupBy entry is a field, field:bucket or related:<relType>:<out|in>.<field>", pointer);
        }
        String relationType = null;
        String direction = null;
        String rest = spec;
        if (spec.startsWith("related:")) {
            Matcher related = RELATED.matcher(spec);
            if (!related.matches()) {
                throw bad("A relationship grouping is related:<relType>:<out|in>.<field>, e.g. related:has_opportunity:in.industry", pointer);
            }
            relationType = related.group(1);
            direction = related.group(2);
            rest = related.group(3);
        }
        String bucket = null;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            bucket = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!BUCKETS.contains(bucket)) {
                throw bad("Unknown bucket \"" + bucket + "\"; use day, week, month, quarter or year", pointer);
            }
        }
        if (WhereFilter.pathOf(rest.startsWith("metadata.") || rest.startsWith("structuredData.") ? rest.substring(rest.indexOf('.') + 1) : rest) == null) {
            throw bad("Invalid field \"" + rest + "\": " + WhereFilter.PATH_RULE, pointer);
        }
        Field field = AggregationFields.resolve(rest, relationType == null ? schema : null);
        if (field == null) {
            throw unprocessable("The schema of " + shardType + " does not declare the field " + rest, pointer);
        }
        if (relationType != null && field.kind() == Kind.TAGS) {
            throw unprocessable("metadata.tags of a linked shard cannot be grouped by", pointer);
        }
        if (field.kind() == Kind.COMPOSITE) {
            throw unprocessable(rest + " is an array or object; group by one of its fields", pointer);
        }
        if (bucket != null && field.kind() != Kind.DATE && field.kind() != Kind.DATE_TIME && field.kind() != Kind.TIMESTAMP) {
            throw unprocessable(rest + " is not a date field"
                    + (relationType != null ? " (of a linked shard only createdAt and updatedAt can be bucketed)" : "")
                    + "; buckets apply to fields of format date or date-time, createdAt and updatedAt", pointer);
        }
        if (bucket == null && field.kind() == Kind.TIMESTAMP) {
            throw unprocessable(rest + " is grouped by a bucket: " + rest + ":day, :week, :month, :quarter or :year", pointer);
        }
        return new Grouping(field, bucket, relationType, direction);
    }

    private static Output groupOutput(Grouping grouping, String alias, String name, int index) {
        Field field = grouping.field();
        if (grouping.bucket() != null) {
            String unit = "'" + grouping.bucket() + "'";
            String local = switch (field.kind()) {
                case DATE -> "cast(" + SAFE_DATE.formatted(field.text(alias)) + " as timestamp)";
                case DATE_TIME -> SAFE_INSTANT.formatted(field.text(alias)) + " at time zone :tz";
                default -> alias + "." + field.column() + " at time zone :tz";
            };
            return new Output("to_char(date_trunc(" + unit + ", " + local + "), 'YYYY-MM-DD')", new Column(name, "date"), true);
        }
        return switch (field.kind()) {
            case TAGS -> new Output("tag.value", new Column(name, "string"), true);
            case NUMBER -> new Output(field.number(alias), new Column(name, "number"), true);
            case BOOLEAN -> new Output("case when jsonb_typeof(" + field.json(alias) + ") = 'boolean' then cast(" + field.json(alias)
                    + " as boolean) end", new Column(name, "boolean"), true);
            default -> new Output(field.text(alias), new Column(name, "string"), true);
        };
    }

    /**
     * Money measured across currencies means nothing as one total: a numeric measure of a field
     * whose schema names its currency field ({@code x-castiel-currency-field}) groups by that
     * field too, unless the query already does.
     */
    private static void addCurrencyColumns(AggregationQuery query, JsonNode schema, List<Grouping> groupings, List<Output> outputs) {
        Set<String> currencies = new LinkedHashSet<>();
        for (AggregationQuery.Measure measure : measures(query)) {
            if (measure != null && NUMERIC_FUNCTIONS.contains(measure.fn())) {
                Field field = AggregationFields.resolve(measure.field(), schema);
                if (field != null && field.currencyField() != null) {
                    currencies.add(field.currencyField());
                }
            }
        }
        for (String currency : currencies) {
            boolean grouped = groupings.stream().anyMatch(g -> g.relationType() == null && g.bucket() == null && g.field().structured()
                    && String.join(".", g.field().path()).equals(currency));
            if (!grouped) {
                String name = currencies.size() == 1 ? "currency" : "currency_" + currency.replace('.', '_');
                String[] path = WhereFilter.pathOf(currency);
                outputs.add(new Output("f.structured_data #>> '" + AggregationFields.literal(path) + "'", new Column(name, "string"), true));
            }
        }
    }

    private static List<AggregationQuery.Measure> measures(AggregationQuery query) {
        return query.measures() == null ? List.of() : query.measures();
    }

    private static void addMeasures(AggregationQuery query, JsonNode schema, List<Output> outputs) {
        List<AggregationQuery.Measure> measures = measures(query);
        if (measures.isEmpty()) {
            throw bad("At least one measure is required, e.g. {\"fn\": \"count\"}", "/measures");
        }
        if (measures.size() > MAX_MEASURES) {
            throw bad("At most " + MAX_MEASURES + " measures", "/measures");
        }
        Map<String, Field> numericFields = new LinkedHashMap<>();
        for (int i = 0; i < measures.size(); i++) {
            AggregationQuery.Measure measure = measures.get(i);
            String pointer = "/measures/" + i;
            if (measure == null) {
                throw bad("A measure is an object {fn, field?, as?}", pointer);
            }
            String fn = measure.fn();
            if (fn == null || !FUNCTIONS.contains(fn)) {
                throw bad("Unknown fn \"" + fn + "\"; use count, sum, avg, min, max, countDistinct, p50 or p90", pointer + "/fn");
            }
            if (measure.as() != null && !COLUMN_NAME.matcher(measure.as()).matches()) {
                throw bad("as is a column name: letters, digits and _, not starting with a digit", pointer + "/as");
            }
            Field field = null;
            if (measure.field() != null) {
                field = AggregationFields.resolve(measure.field(), schema);
                if (field == null) {
                    throw WhereFilter.pathOf(measure.field().replaceFirst("^(structuredData|metadata)\\.", "")) == null
                            ? bad("Invalid field \"" + measure.field() + "\": " + WhereFilter.PATH_RULE, pointer + "/field")
                            : unprocessable("The schema of " + query.shardType() + " does not declare the field " + measure.field(),
                                    pointer + "/field");
                }
                if (field.kind() == Kind.TAGS) {
                    throw unprocessable("metadata.tags can be grouped by, not measured", pointer + "/field");
                }
            } else if (!fn.equals("count")) {
                throw bad(fn + " needs a field", pointer + "/field");
            }
            if (NUMERIC_FUNCTIONS.contains(fn) && field.kind() != Kind.NUMBER) {
                throw unprocessable(fn + " needs a number field; " + measure.field() + " is not one", pointer + "/field");
            }
            String name = measure.as() != null ? measure.as() : field == null ? "count" : fn + "_" + measure.field();
            String expression;
            String type = "number";
            if (field == null) {
                expression = "count(*)";
                type = "integer";
            } else if (fn.equals("count") || fn.equals("countDistinct")) {
                String value = field.structured() ? "nullif(" + field.json("f") + ", 'null')" : "f." + field.column();
                expression = fn.equals("count") ? "count(" + value + ")" : "count(distinct " + value + ")";
                type = "integer";
            } else {
                String number = field.number("f");
                numericFields.put(String.join(".", field.path()), field);
                expression = switch (fn) {
                    case "p50" -> "percentile_cont(0.5) within group (order by cast(" + number + " as double precision))";
                    case "p90" -> "percentile_cont(0.9) within group (order by cast(" + number + " as double precision))";
                    default -> fn + "(" + number + ")";
                };
            }
            outputs.add(new Output(expression, new Column(name, type), false));
        }
        if (!numericFields.isEmpty()) {
            // A shard whose value of any numerically measured field is missing or not a number.
            String notNumbers = numericFields.values().stream().map(f -> "jsonb_typeof(" + f.json("f") + ") is distinct from 'number'")
                    .reduce((a, b) -> a + " or " + b).orElseThrow();
            outputs.add(new Output("count(*) filter (where " + notNumbers + ")", new Column("skipped", "integer"), false));
        }
    }

    /** Sorted as asked, then by the groupings in order, so that equal keys come back in a stable order. */
    private static String order(List<String> sort, List<Column> columns, int groupCount) {
        List<String> terms = new ArrayList<>();
        Set<Integer> used = new LinkedHashSet<>();
        List<String> asked = sort == null ? List.of() : sort;
        if (asked.size() > MAX_SORT) {
            throw bad("At most " + MAX_SORT + " sort entries", "/sort");
        }
        for (int i = 0; i < asked.size(); i++) {
            String spec = asked.get(i);
            if (spec == null || spec.isEmpty()) {
                throw bad("A sort entry names an output column, with - for descending", "/sort/" + i);
            }
            boolean descending = spec.startsWith("-");
            String name = descending ? spec.substring(1) : spec;
            int index = -1;
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).name().equals(name)) {
                    index = c;
                }
            }
            if (index < 0) {
                throw bad("No output column is named " + name + "; sort names one of "
                        + columns.stream().map(Column::name).toList(), "/sort/" + i);
            }
            if (used.add(index)) {
                terms.add("c" + index + (descending ? " desc" : "") + " nulls last");
            }
        }
        for (int c = 0; c < groupCount; c++) {
            if (used.add(c)) {
                terms.add("c" + c + " nulls last");
            }
        }
        if (terms.isEmpty()) {
            terms.add("1");
        }
        return String.join(", ", terms);
    }

    private static String relationJoin(String alias, String direction, ReadFilter linkedReadable) {
        String near = direction.equals("out") ? "source_id" : "target_id";
        String far = direction.equals("out") ? "target_id" : "source_id";
        return """

                left join lateral (
                    select rs.structured_data, rs.metadata, rs.status, rs.shard_type, rs.created_by, rs.created_at, rs.updated_at
                    from relationships r
                    join shards rs on rs.tenant_id = r.tenant_id and rs.id = r.%2$s
                    where r.tenant_id = :tenant and r.%1$s = f.id and r.type = :%3$s_type and rs.status <> 'deleted'%4$s
                    order by r.created_at, r.id
                    limit 1
                ) %3$s on true""".formatted(near, far, alias, linkedReadable.sql());
    }

    private static String windowCondition(AggregationWindow window, JsonNode schema, Map<String, Object> params) {
        Field field = AggregationFields.resolve(window.field(), schema);
        if (field == null || field.kind() != Kind.DATE && field.kind() != Kind.DATE_TIME && field.kind() != Kind.TIMESTAMP) {
            throw unprocessable("The period's field must be a date or date-time field of the type, createdAt or updatedAt", "/period/field");
        }
        params.put("window_start", window.start().toString());
        params.put("window_end", window.end().toString());
        if (field.kind() == Kind.DATE) {
            String date = SAFE_DATE.formatted(field.text("s"));
            return " and " + date + " >= cast(:window_start as date) and " + date + " < cast(:window_end as date)";
        }
        String instant = field.kind() == Kind.DATE_TIME ? SAFE_INSTANT.formatted(field.text("s")) : "s." + field.column();
        return " and " + instant + " >= (cast(:window_start as timestamp) at time zone :tz) and " + instant
                + " < (cast(:window_end as timestamp) at time zone :tz)";
    }

    /** An IANA zone name Java and PostgreSQL both know (offsets are refused: PostgreSQL reads their sign the POSIX way). */
    static String zone(String timezone) {
        if (timezone == null) {
            return "UTC";
        }
        if (!ZoneId.getAvailableZoneIds().contains(timezone)) {
            throw unprocessable("timezone must be an IANA time zone name such as Europe/Paris or UTC", "/timezone");
        }
        return timezone;
    }

    private static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw bad("limit must be between 1 and " + MAX_LIMIT, "/limit");
        }
        return limit;
    }

    private static ApiException bad(String detail, String pointer) {
        return ApiException.badRequest(detail, pointer);
    }

    static ApiException unprocessable(String detail, String pointer) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Validation failed", detail, List.of(new FieldError(pointer, detail)));
    }
}
