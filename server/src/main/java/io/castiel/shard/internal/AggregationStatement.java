package io.castiel.shard.internal;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
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
 * One {@link AggregationQuery} as one PostgreSQL statement. The shards are filtered first, by
 * exactly what {@code GET /shards} applies (type, not deleted, the {@link WhereFilter} conditions
 * and the caller's {@link ReadFilter}), into the values the groups and measures need; the groups
 * are then computed from them, {@code metadata.tags} unnested. The values come from the shards'
 * typed columns ({@link ShardColumns}) when the type's are filled, and from the jsonb for the
 * shards whose values there are not of their declared types (a union of the two), or for every
 * shard when a field the query reads has no typed column. A relationship hop reads the oldest
 * link's shard that is not deleted, its fields null when the caller may not read it. Every value
 * from the request is a bind parameter; field paths, bucket units and column aliases are checked
 * or generated before they are written into the text. Malformed input is a 400, input the type
 * cannot answer a 422, each with a pointer into the request.
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

    /** A grouping as parsed: the field (with the relationship it is read through, if any) and its bucket. */
    private record Grouping(Field field, String bucket, String relationType, String direction) {

        String relationKey() {
            return relationType + ":" + direction;
        }
    }

    /** A measure as checked: its function, its field (null for a count of shards) and its output column. */
    private record Measure(String fn, Field field, Column column) {
    }

    /**
     * The typed columns a statement may read instead of the jsonb ({@link ShardColumns}): the
     * queried type's layout and, per relationship hop ({@code relType:direction}), the layouts of
     * every type its links have reached (absent when one of them is not ready).
     */
    public record Columnar(ShardColumns.Layout layout, Map<String, List<ShardColumns.Layout>> far) {
    }

    /**
     * The statement for {@code query} over shards of its type, whose effective schema is
     * {@code schema}; {@code readable} gives the caller's read filter on a table alias;
     * {@code window} (may be null) keeps to a date range; {@code columnar} (may be null) lets the
     * statement read typed columns for the shards whose values are of their declared types.
     */
    public static AggregationStatement build(UUID tenantId, AggregationQuery query, JsonNode schema, Function<String, ReadFilter> readable,
            AggregationWindow window, Columnar columnar) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", tenantId);
        params.put("shard_type", query.shardType());
        String zone = zone(query.timezone());
        params.put("tz", zone);
        int limit = limit(query.limit());

        List<String> where = query.where() == null ? List.of() : query.where();
        if (where.size() > ShardFilter.MAX_CONDITIONS) {
            throw bad("At most " + ShardFilter.MAX_CONDITIONS + " where filters", "/where");
        }
        List<WhereFilter.Condition> conditions = new ArrayList<>();
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
            conditions.add(condition);
        }
        Field windowField = window == null ? null : windowField(window, schema);
        if (window != null) {
            params.put("window_start", window.start().toString());
            params.put("window_end", window.end().toString());
        }
        List<Grouping> groupings = groupings(query, schema);
        boolean tags = false;
        for (int i = 0; i < groupings.size(); i++) {
            if (groupings.get(i).field().kind() == Kind.TAGS) {
                if (tags) {
                    throw unprocessable("metadata.tags can be grouped by once", "/groupBy/" + i);
                }
                tags = true;
            }
        }
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < groupings.size(); i++) {
            Grouping grouping = groupings.get(i);
            columns.add(new Column(query.groupBy().get(i), grouping.bucket() != null ? "date" : switch (grouping.field().kind()) {
                case NUMBER -> "number";
                case BOOLEAN -> "boolean";
                default -> "string";
            }));
        }
        List<Field> currencies = currencyFields(query, schema, groupings);
        for (Field currency : currencies) {
            columns.add(new Column(currencies.size() == 1 ? "currency" : "currency_" + currency.name().replace('.', '_'), "string"));
        }
        int groupCount = columns.size();
        List<Measure> measures = measures(query, schema);
        measures.forEach(m -> columns.add(m.column()));
        List<Field> numeric = numericFields(measures);
        if (!numeric.isEmpty()) {
            columns.add(new Column("skipped", "integer"));
        }
        Set<String> names = new LinkedHashSet<>();
        for (Column column : columns) {
            if (!names.add(column.name())) {
                throw bad("Two output columns are named " + column.name() + "; name one with \"as\"", "/measures");
            }
        }

        Map<String, String> relations = new LinkedHashMap<>();
        for (Grouping grouping : groupings) {
            if (grouping.relationType() != null) {
                relations.putIfAbsent(grouping.relationKey(), "rel" + relations.size());
            }
        }
        Map<String, Object> typedParams = new LinkedHashMap<>();
        String typed = columnar == null ? null
                : typedBranch(conditions, windowField, groupings, currencies, measures, numeric, relations, columnar, readable, schema, typedParams);
        String json = jsonBranch(conditions, windowField, groupings, currencies, measures, numeric, relations, readable, params, typed != null);
        String filtered = json;
        if (typed != null) {
            params.putAll(typedParams);
            filtered = typed + "\n    union all\n" + json;
        }

        StringBuilder select = new StringBuilder();
        List<String> groupKeys = new ArrayList<>();
        int value = 0;
        for (int i = 0; i < groupCount; i++) {
            boolean tag = i < groupings.size() && groupings.get(i).field().kind() == Kind.TAGS;
            boolean bucketed = i < groupings.size() && groupings.get(i).bucket() != null;
            // A bucket is grouped as a timestamp and written as text once per group, not per shard.
            String output = tag ? "tag.value" : bucketed ? "to_char(f.v" + value + ", 'YYYY-MM-DD')" : "f.v" + value;
            select.append(i == 0 ? "" : ",\n           ").append(output).append(" as c").append(i);
            groupKeys.add(tag ? "tag.value" : "f.v" + value);
            value++;
        }
        for (int i = 0; i < measures.size(); i++) {
            Measure measure = measures.get(i);
            String input = "f.v" + value;
            String aggregate;
            if (measure.field() == null) {
                aggregate = "count(*)";
            } else {
                value++;
                aggregate = switch (measure.fn()) {
                    case "count" -> "count(*) filter (where " + input + ")";
                    case "countDistinct" -> "count(distinct " + input + ")";
                    case "p50" -> "percentile_cont(0.5) within group (order by cast(" + input + " as double precision))";
                    case "p90" -> "percentile_cont(0.9) within group (order by cast(" + input + " as double precision))";
                    default -> measure.fn() + "(" + input + ")";
                };
            }
            select.append(select.isEmpty() ? "" : ",\n           ").append(aggregate).append(" as c").append(groupCount + i);
        }
        if (!numeric.isEmpty()) {
            select.append(select.isEmpty() ? "" : ",\n           ").append("count(*) filter (where f.v").append(value).append(") as c")
                    .append(columns.size() - 1);
        }
        String unnest = "";
        for (int i = 0; i < groupings.size(); i++) {
            if (groupings.get(i).field().kind() == Kind.TAGS) {
                unnest = "\n    left join lateral jsonb_array_elements_text(f.v" + i + ") as tag(value) on true";
            }
        }
        StringBuilder groupBy = new StringBuilder();
        for (int i = 0; i < groupCount; i++) {
            groupBy.append(i == 0 ? "\n    group by " : ", ").append(groupKeys.get(i));
        }
        params.put("row_limit", limit);
        String sql = """
                with filtered as (
                %s
                ),
                grouped as (
                    select %s
                    from filtered f%s%s
                )
                select *, count(*) over () as group_count
                from grouped
                order by %s
                limit :row_limit""".formatted(filtered, select, unnest, groupBy, order(query.sort(), columns, groupCount));
        return new AggregationStatement(sql, params, List.copyOf(columns), limit);
    }

    /**
     * The filtered shards' values read from their jsonb: every shard when {@code onlyOdd} is
     * false, else only those a typed branch leaves out (a value there not of its declared type).
     */
    private static String jsonBranch(List<WhereFilter.Condition> conditions, Field windowField, List<Grouping> groupings, List<Field> currencies,
            List<Measure> measures, List<Field> numeric, Map<String, String> relations, Function<String, ReadFilter> readable,
            Map<String, Object> params, boolean onlyOdd) {
        List<String> values = new ArrayList<>();
        for (Grouping grouping : groupings) {
            if (grouping.relationType() == null) {
                values.add(grouping.field().kind() == Kind.TAGS
                        ? "case when jsonb_typeof(s.metadata -> 'tags') = 'array' then s.metadata -> 'tags' end"
                        : jsonValue(grouping, "s"));
            } else {
                String alias = relations.get(grouping.relationKey());
                values.add("case when " + alias + ".readable then " + jsonValue(grouping, alias) + " end");
            }
        }
        currencies.forEach(currency -> values.add(currency.text("s")));
        for (Measure measure : measures) {
            Field field = measure.field();
            if (field != null) {
                values.add(switch (measure.fn()) {
                    case "count" -> (field.structured() ? "nullif(" + field.json("s") + ", 'null')" : "s." + field.column()) + " is not null";
                    case "countDistinct" -> field.structured() ? "nullif(" + field.json("s") + ", 'null')" : "to_jsonb(s." + field.column() + ")";
                    default -> field.number("s");
                });
            }
        }
        if (!numeric.isEmpty()) {
            values.add(numeric.stream().map(f -> "jsonb_typeof(" + f.json("s") + ") is distinct from 'number'").reduce((a, b) -> a + " or " + b)
                    .orElseThrow());
        }
        if (values.isEmpty()) {
            values.add("true");
        }
        StringBuilder sql = new StringBuilder("    select ");
        for (int i = 0; i < values.size(); i++) {
            sql.append(i == 0 ? "" : ",\n           ").append(values.get(i)).append(" as v").append(i);
        }
        sql.append("\n    from shards s");
        if (onlyOdd) {
            sql.append("\n    join shard_columns c on c.tenant_id = s.tenant_id and c.shard_id = s.id");
        }
        ReadFilter linked = readable.apply("rs");
        for (Map.Entry<String, String> relation : relations.entrySet()) {
            String[] key = relation.getKey().split(":");
            String alias = relation.getValue();
            sql.append(relationJoin(alias, key[1], linked));
            params.put(alias + "_type", key[0]);
            params.putAll(linked.params());
        }
        sql.append("\n    where s.tenant_id = :tenant and s.shard_type = :shard_type and s.status <> 'deleted'");
        if (onlyOdd) {
            sql.append(" and c.odd <> 0 and (c.odd & :odd_mask) <> 0");
        }
        StringBuilder filters = new StringBuilder();
        for (int i = 0; i < conditions.size(); i++) {
            WhereFilter.append(conditions.get(i), i, filters, params);
        }
        sql.append(filters);
        if (windowField != null) {
            sql.append(windowCondition(windowField, "s"));
        }
        ReadFilter own = readable.apply("s");
        sql.append(own.sql());
        params.putAll(own.params());
        return sql.toString();
    }

    /** A grouping's value read from the jsonb (or a column) of the row aliased {@code alias}. */
    private static String jsonValue(Grouping grouping, String alias) {
        Field field = grouping.field();
        if (grouping.bucket() != null) {
            String local = switch (field.kind()) {
                case DATE -> "cast(castiel_date(" + field.text(alias) + ") as timestamp)";
                case DATE_TIME -> "castiel_instant(" + field.text(alias) + ") at time zone :tz";
                default -> alias + "." + field.column() + " at time zone :tz";
            };
            return bucket(grouping.bucket(), local);
        }
        return switch (field.kind()) {
            case NUMBER -> field.number(alias);
            case BOOLEAN -> "case when jsonb_typeof(" + field.json(alias) + ") = 'boolean' then cast(" + field.json(alias) + " as boolean) end";
            default -> field.text(alias);
        };
    }

    private static String bucket(String unit, String local) {
        return "date_trunc('" + unit + "', " + local + ")";
    }

    /**
     * The filtered shards' values read from their typed columns, for the shards whose values of
     * the fields the query reads are all of their declared types; null when some field the query
     * reads has no typed column (then the jsonb branch answers alone).
     */
    private static String typedBranch(List<WhereFilter.Condition> conditions, Field windowField, List<Grouping> groupings, List<Field> currencies,
            List<Measure> measures, List<Field> numeric, Map<String, String> relations, Columnar columnar, Function<String, ReadFilter> readable,
            JsonNode schema, Map<String, Object> params) {
        ShardColumns.Layout layout = columnar.layout();
        long[] mask = {0};
        Function<Field, ShardColumns.Slot> slotOf = field -> {
            ShardColumns.Slot slot = layout.field(List.of(field.path()), slotKind(field.kind()));
            if (slot != null && slot.bit() != null) {
                mask[0] |= 1L << slot.bit();
            }
            return slot;
        };
        List<String> values = new ArrayList<>();
        StringBuilder joins = new StringBuilder();
        Map<String, String> farAliases = new LinkedHashMap<>();
        for (Grouping grouping : groupings) {
            Field field = grouping.field();
            String value;
            if (grouping.relationType() != null) {
                String key = grouping.relationKey();
                String alias = farAliases.get(key);
                ShardColumns.Slot link = layout.links().get(key);
                List<ShardColumns.Layout> far = columnar.far().get(key);
                if (link == null || far == null) {
                    return null;
                }
                if (alias == null) {
                    alias = "a" + farAliases.size();
                    farAliases.put(key, alias);
                    ReadFilter farReadable = readable.apply(alias);
                    params.putAll(farReadable.params());
                    params.put(alias + "_types", far.isEmpty() ? List.of("") : far.stream().map(ShardColumns.Layout::shardType).toList());
                    joins.append("\n    left join shard_columns %1$s on %1$s.tenant_id = c.tenant_id and %1$s.shard_id = c.%2$s and %1$s.shard_type in (:%1$s_types) and %1$s.status <> 'deleted'%3$s"
                            .formatted(alias, link.column(), farReadable.sql()));
                }
                value = farValue(grouping, alias, far);
                if (value == null) {
                    return null;
                }
            } else if (field.kind() == Kind.TAGS) {
                value = "c.tags";
            } else if (!field.structured()) {
                value = grouping.bucket() != null ? bucket(grouping.bucket(), "c." + field.column() + " at time zone :tz") : field.text("c");
            } else if (grouping.bucket() != null) {
                ShardColumns.Slot text = slotOf.apply(field);
                ShardColumns.Slot date = layout.field(List.of(field.path()), field.kind() == Kind.DATE ? "date" : "instant");
                if (text == null || date == null) {
                    return null;
                }
                value = bucket(grouping.bucket(), field.kind() == Kind.DATE ? "cast(c." + date.column() + " as timestamp)"
                        : "c." + date.column() + " at time zone :tz");
            } else {
                ShardColumns.Slot slot = slotOf.apply(field);
                if (slot == null) {
                    return null;
                }
                value = "c." + slot.column();
            }
            values.add(value);
        }
        for (Field currency : currencies) {
            ShardColumns.Slot slot = currency.kind() == Kind.STRING ? slotOf.apply(currency) : null;
            if (slot == null) {
                return null;
            }
            values.add("c." + slot.column());
        }
        for (Measure measure : measures) {
            Field field = measure.field();
            if (field == null) {
                continue;
            }
            String column;
            if (field.structured()) {
                ShardColumns.Slot slot = slotOf.apply(field);
                if (slot == null) {
                    return null;
                }
                column = "c." + slot.column();
            } else {
                column = "c." + field.column();
            }
            values.add(switch (measure.fn()) {
                case "count" -> column + " is not null";
                case "countDistinct" -> "to_jsonb(" + column + ")";
                default -> column;
            });
        }
        if (!numeric.isEmpty()) {
            List<String> nulls = new ArrayList<>();
            for (Field field : numeric) {
                nulls.add("c." + slotOf.apply(field).column() + " is null");
            }
            values.add(String.join(" or ", nulls));
        }
        StringBuilder filters = new StringBuilder();
        for (int i = 0; i < conditions.size(); i++) {
            WhereFilter.Condition condition = conditions.get(i);
            Field field = AggregationFields.resolve("structuredData." + String.join(".", condition.path()), schema);
            ShardColumns.Slot slot = field == null ? null : slotOf.apply(field);
            if (slot == null) {
                return null;
            }
            filters.append(" and ").append(WhereFilter.typedCondition(condition, field.kind(), "c." + slot.column(), "cw" + i, params));
        }
        if (windowField != null) {
            if (windowField.structured()) {
                ShardColumns.Slot text = slotOf.apply(windowField);
                ShardColumns.Slot date = layout.field(List.of(windowField.path()), windowField.kind() == Kind.DATE ? "date" : "instant");
                if (text == null || date == null) {
                    return null;
                }
                filters.append(windowCondition(windowField, "c." + date.column()));
            } else {
                filters.append(windowCondition(windowField, "c"));
            }
        }
        ReadFilter own = readable.apply("c");
        filters.append(own.sql());
        params.putAll(own.params());
        params.put("odd_mask", mask[0]);

        if (values.isEmpty()) {
            values.add("true");
        }
        StringBuilder sql = new StringBuilder("    select ");
        for (int i = 0; i < values.size(); i++) {
            sql.append(i == 0 ? "" : ",\n           ").append(values.get(i)).append(" as v").append(i);
        }
        sql.append("\n    from shard_columns c").append(joins);
        // "odd = 0 or" lets the planner see from the column's statistics that nearly every row qualifies.
        sql.append("\n    where c.tenant_id = :tenant and c.shard_type = :shard_type and c.status <> 'deleted'")
                .append(" and (c.odd = 0 or (c.odd & :odd_mask) = 0)");
        sql.append(filters);
        return sql.toString();
    }

    /** The slot kind a field of {@code kind} is read from when not bucketed. */
    private static String slotKind(Kind kind) {
        return switch (kind) {
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            default -> "string";
        };
    }

    /**
     * A linked shard's field as text from its typed row (aliased {@code alias}, null when there is
     * no link or the caller may not read the linked shard), by the linked shard's type; null when
     * some linked type cannot answer it from typed columns.
     */
    private static String farValue(Grouping grouping, String alias, List<ShardColumns.Layout> far) {
        Field field = grouping.field();
        if (!field.structured()) {
            return grouping.bucket() != null ? bucket(grouping.bucket(), alias + "." + field.column() + " at time zone :tz") : field.text(alias);
        }
        List<String> byType = new ArrayList<>();
        for (ShardColumns.Layout layout : far) {
            ShardColumns.Slot slot = null;
            for (String kind : List.of("string", "number", "boolean")) {
                slot = slot != null ? slot : layout.field(List.of(field.path()), kind);
            }
            // A type without the field, or with values of another type in it, is read from the jsonb: the whole query is.
            if (slot == null || (layout.oddBits() & 1L << slot.bit()) != 0) {
                return null;
            }
            byType.add(" when '" + layout.shardType().replace("'", "''") + "' then " + slot.text(alias));
        }
        if (byType.isEmpty()) {
            return "cast(null as text)";
        }
        if (byType.size() == 1) {
            return byType.get(0).substring(byType.get(0).indexOf(" then ") + 6);
        }
        return "case " + alias + ".shard_type" + String.join("", byType) + " end";
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

    /**
     * Money measured across currencies means nothing as one total: a numeric measure of a field
     * whose schema names its currency field ({@code x-castiel-currency-field}) groups by that
     * field too, unless the query already does.
     */
    private static List<Field> currencyFields(AggregationQuery query, JsonNode schema, List<Grouping> groupings) {
        Set<String> currencies = new LinkedHashSet<>();
        for (AggregationQuery.Measure measure : query.measures() == null ? List.<AggregationQuery.Measure>of() : query.measures()) {
            if (measure != null && NUMERIC_FUNCTIONS.contains(measure.fn())) {
                Field field = AggregationFields.resolve(measure.field(), schema);
                if (field != null && field.currencyField() != null) {
                    currencies.add(field.currencyField());
                }
            }
        }
        List<Field> fields = new ArrayList<>();
        for (String currency : currencies) {
            boolean grouped = groupings.stream().anyMatch(g -> g.relationType() == null && g.bucket() == null && g.field().structured()
                    && String.join(".", g.field().path()).equals(currency));
            if (!grouped) {
                Field field = AggregationFields.resolve("structuredData." + currency, schema);
                fields.add(field != null ? field : new Field(currency, Kind.OTHER, null, WhereFilter.pathOf(currency), null));
            }
        }
        return fields;
    }

    private static List<Measure> measures(AggregationQuery query, JsonNode schema) {
        List<AggregationQuery.Measure> measures = query.measures() == null ? List.of() : query.measures();
        if (measures.isEmpty()) {
            throw bad("At least one measure is required, e.g. {\"fn\": \"count\"}", "/measures");
        }
        if (measures.size() > MAX_MEASURES) {
            throw bad("At most " + MAX_MEASURES + " measures", "/measures");
        }
        List<Measure> checked = new ArrayList<>();
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
            String type = field == null || fn.equals("count") || fn.equals("countDistinct") ? "integer" : "number";
            checked.add(new Measure(fn, field, new Column(name, type)));
        }
        return checked;
    }

    /** The fields measured numerically, once each: a shard whose value of any of them is not a number counts as skipped. */
    private static List<Field> numericFields(List<Measure> measures) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Measure measure : measures) {
            if (NUMERIC_FUNCTIONS.contains(measure.fn())) {
                fields.putIfAbsent(String.join(".", measure.field().path()), measure.field());
            }
        }
        return List.copyOf(fields.values());
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

    /**
     * The shard at the other end of the oldest link of a kind that is not deleted, and whether the
     * caller may read it (if not, its fields group as null: a hidden shard never shows).
     */
    private static String relationJoin(String alias, String direction, ReadFilter linkedReadable) {
        String near = direction.equals("out") ? "source_id" : "target_id";
        String far = direction.equals("out") ? "target_id" : "source_id";
        return """

                    left join lateral (
                        select rs.structured_data, rs.metadata, rs.status, rs.shard_type, rs.created_by, rs.created_at, rs.updated_at,
                               true%4$s as readable
                        from relationships r
                        join shards rs on rs.tenant_id = r.tenant_id and rs.id = r.%2$s
                        where r.tenant_id = :tenant and r.%1$s = s.id and r.type = :%3$s_type and rs.status <> 'deleted'
                        order by r.created_at, r.id
                        limit 1
                    ) %3$s on true""".formatted(near, far, alias, linkedReadable.sql());
    }

    private static Field windowField(AggregationWindow window, JsonNode schema) {
        Field field = AggregationFields.resolve(window.field(), schema);
        if (field == null || field.kind() != Kind.DATE && field.kind() != Kind.DATE_TIME && field.kind() != Kind.TIMESTAMP) {
            throw unprocessable("The period's field must be a date or date-time field of the type, createdAt or updatedAt", "/period/field");
        }
        return field;
    }

    /**
     * The window on {@code field} of the row aliased {@code alias}, or on the typed column
     * {@code alias} itself when it holds the field's date or instant ({@code c.d1}).
     */
    private static String windowCondition(Field field, String alias) {
        boolean column = alias.contains(".");
        if (field.kind() == Kind.DATE) {
            String date = column ? alias : "castiel_date(" + field.text(alias) + ")";
            return " and " + date + " >= cast(:window_start as date) and " + date + " < cast(:window_end as date)";
        }
        String instant = column ? alias : field.kind() == Kind.DATE_TIME ? "castiel_instant(" + field.text(alias) + ")" : alias + "." + field.column();
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
