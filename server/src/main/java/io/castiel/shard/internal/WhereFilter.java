package io.castiel.shard.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.castiel.platform.ApiException;
import io.castiel.shard.internal.AggregationFields.Kind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one {@code where=field:op:value} into a SQL condition on {@code structured_data}. Field
 * paths are checked against a strict pattern and inlined as a text[] literal; every value is a
 * bind parameter. Equality uses {@code @>} so the GIN index serves it; comparisons guard the JSON
 * type first, so that a string field compared with a number is false, never a cast error.
 */
public final class WhereFilter {

    private static final Pattern SEGMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_\\-]{0,63}$");
    private static final Pattern NUMBER = Pattern.compile("^-?(0|[1-9][0-9]{0,30})(\\.[0-9]{1,30})?([eE][+-]?[0-9]{1,3})?$");
    private static final int MAX_IN_VALUES = 100;

    private WhereFilter() {
    }

    /**
     * One parsed, validated {@code field:op:value}: the SQL builder here and the in-memory
     * evaluator ({@link io.castiel.shard.ShardFilter}) both start from it, so they accept exactly
     * the same filters.
     */
    public record Condition(String expression, String[] path, String op, String value) {

        /** For {@code in}: the alternatives. */
        public String[] alternatives() {
            return value.split("\\|", -1);
        }

        /** For {@code exists}: whether the field must be present (true) or absent (false). */
        public boolean wanted() {
            return value == null || value.isEmpty() || Boolean.parseBoolean(value);
        }
    }

    /** Parses and validates one filter; a bad one is a 400 pointing at {@code /where}. */
    public static Condition parse(String expression) {
        String[] parts = expression.split(":", 3);
        if (parts.length < 2) {
            throw invalid(expression, "expected field:operator:value");
        }
        String field = parts[0];
        String op = parts[1].toLowerCase(Locale.ROOT);
        String value = parts.length == 3 ? parts[2] : null;
        String[] path = pathOf(field);
        if (path == null) {
            throw invalid(expression, PATH_RULE);
        }
        switch (op) {
            case "eq", "ne", "gt", "gte", "lt", "lte", "contains" -> require(value, expression);
            case "in" -> {
                require(value, expression);
                if (value.split("\\|", -1).length > MAX_IN_VALUES) {
                    throw invalid(expression, "at most " + MAX_IN_VALUES + " values");
                }
            }
            case "exists" -> {
                if (value != null && !value.isEmpty() && !value.equals("true") && !value.equals("false")) {
                    throw invalid(expression, "exists takes true or false");
                }
            }
            default -> throw invalid(expression, "unknown operator " + op + "; use eq, ne, gt, gte, lt, lte, in, contains, exists");
        }
        return new Condition(expression, path, op, value);
    }

    /** What {@link #pathOf} accepts, said to a client whose path it refused. */
    public static final String PATH_RULE = "field names may contain letters, digits, _ and -, separated by dots, at most 8 deep";

    /**
     * A {@code structuredData} field path ({@code amount}, {@code address.city}) split at its dots,
     * or null when it is not one. Its segments are safe to inline in a {@code text[]} literal,
     * which is how filters and aggregations address fields.
     */
    public static String[] pathOf(String field) {
        if (field == null) {
            return null;
        }
        String[] path = field.split("\\.", -1);
        if (path.length > 8) {
            return null;
        }
        for (String segment : path) {
            if (!SEGMENT.matcher(segment).matches()) {
                return null;
            }
        }
        return path;
    }

    /** Whether a comparison value is a number (compared numerically) rather than a string. */
    public static boolean isNumber(String value) {
        return NUMBER.matcher(value).matches();
    }

    /** Appends the condition for {@code expression} to {@code sql}, binding values into {@code params}. */
    public static void append(String expression, int index, StringBuilder sql, Map<String, Object> params) {
        append(parse(expression), index, sql, params);
    }

    /** As {@link #append(String, int, StringBuilder, Map)}, for a condition already parsed. */
    public static void append(Condition condition, int index, StringBuilder sql, Map<String, Object> params) {
        String[] path = condition.path();
        String op = condition.op();
        String value = condition.value();
        String at = "structured_data #> '{" + String.join(",", path) + "}'";
        String p = "w" + index;
        switch (op) {
            case "eq" -> {
                sql.append(" and ").append(equals(path, value, p, params));
            }
            case "ne" -> {
                sql.append(" and not ").append(equals(path, value, p, params));
            }
            case "gt", "gte", "lt", "lte" -> {
                String operator = switch (op) {
                    case "gt" -> ">";
                    case "gte" -> ">=";
                    case "lt" -> "<";
                    default -> "<=";
                };
                if (NUMBER.matcher(value).matches()) {
                    params.put(p, JsonNodeFactory.instance.numberNode(new BigDecimal(value)).toString());
                    sql.append(" and (jsonb_typeof(").append(at).append(") = 'number' and ").append(at).append(' ')
                            .append(operator).append(" cast(:").append(p).append(" as jsonb))");
                } else {
                    params.put(p, value);
                    sql.append(" and (jsonb_typeof(").append(at).append(") = 'string' and (structured_data #>> '{")
                            .append(String.join(",", path)).append("}') collate \"C\" ").append(operator).append(" :").append(p).append(')');
                }
            }
            case "in" -> {
                String[] values = condition.alternatives();
                sql.append(" and (");
                for (int i = 0; i < values.length; i++) {
                    if (i > 0) {
                        sql.append(" or ");
                    }
                    sql.append(equals(path, values[i], p + "_" + i, params));
                }
                sql.append(')');
            }
            case "contains" -> {
                params.put(p + "_like", "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                ArrayNode element = JsonNodeFactory.instance.arrayNode().add(typed(value));
                ArrayNode asString = JsonNodeFactory.instance.arrayNode().add(value);
                params.put(p + "_a", element.toString());
                params.put(p + "_s", asString.toString());
                sql.append(" and ((jsonb_typeof(").append(at).append(") = 'string' and (structured_data #>> '{")
                        .append(String.join(",", path)).append("}') ilike :").append(p).append("_like)")
                        .append(" or (jsonb_typeof(").append(at).append(") = 'array' and (").append(at).append(" @> cast(:")
                        .append(p).append("_a as jsonb) or ").append(at).append(" @> cast(:").append(p).append("_s as jsonb))))");
            }
            case "exists" -> sql.append(" and ").append(at).append(condition.wanted() ? " is not null" : " is null");
            default -> throw new IllegalStateException("parse admits no operator " + op);
        }
    }

    /**
     * {@code condition} on the typed column {@code column} of a field of {@code kind}: exactly what
     * {@link #append} answers on the jsonb, for a value that is absent or of the declared type.
     */
    static String typedCondition(WhereFilter.Condition condition, Kind kind, String column, String p, Map<String, Object> params) {
        boolean text = kind == Kind.STRING || kind == Kind.DATE || kind == Kind.DATE_TIME;
        String value = condition.value();
        return switch (condition.op()) {
            case "eq" -> typedEquals(kind, column, value, p, params);
            case "ne" -> "(" + typedEquals(kind, column, value, p, params) + ") is not true";
            case "in" -> {
                String[] alternatives = condition.alternatives();
                List<String> any = new ArrayList<>();
                for (int i = 0; i < alternatives.length; i++) {
                    any.add(typedEquals(kind, column, alternatives[i], p + "_" + i, params));
                }
                yield "(" + String.join(" or ", any) + ")";
            }
            case "gt", "gte", "lt", "lte" -> {
                String operator = switch (condition.op()) {
                    case "gt" -> ">";
                    case "gte" -> ">=";
                    case "lt" -> "<";
                    default -> "<=";
                };
                params.put(p, value);
                if (isNumber(value)) {
                    yield kind == Kind.NUMBER ? "(" + column + " " + operator + " cast(:" + p + " as numeric))" : "false";
                }
                yield text ? "(" + column + " collate \"C\" " + operator + " :" + p + ")" : "false";
            }
            case "contains" -> {
                params.put(p + "_like", "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                yield text ? "(" + column + " ilike :" + p + "_like)" : "false";
            }
            case "exists" -> column + (condition.wanted() ? " is not null" : " is null");
            default -> throw new IllegalStateException("parse admits no operator " + condition.op());
        };
    }

    private static String typedEquals(Kind kind, String column, String value, String p, Map<String, Object> params) {
        boolean text = kind == Kind.STRING || kind == Kind.DATE || kind == Kind.DATE_TIME;
        JsonNode typed = typed(value);
        params.put(p, value);
        if (typed.isNumber() && kind == Kind.NUMBER) {
            return "(" + column + " = cast(:" + p + " as numeric))";
        }
        if (typed.isBoolean() && kind == Kind.BOOLEAN) {
            return "(" + column + " = cast(:" + p + " as boolean))";
        }
        // A string equals its own text; a number, boolean or null literal also matches its string form.
        // Compared in the C collation (the same answers: equal strings are equal bytes in every
        // deterministic collation) so that a declared field's index, built in C for ranges, serves it.
        return text ? "(" + column + " collate \"C\" = :" + p + ")" : "false";
    }

    /** {@code structured_data @> {path: value}}, also matching the string form of a number or boolean. */
    private static String equals(String[] path, String value, String p, Map<String, Object> params) {
        JsonNode typed = typed(value);
        params.put(p, nest(path, typed).toString());
        if (typed.isString()) {
            return "(structured_data @> cast(:" + p + " as jsonb))";
        }
        params.put(p + "_s", nest(path, JsonNodeFactory.instance.stringNode(value)).toString());
        return "(structured_data @> cast(:" + p + " as jsonb) or structured_data @> cast(:" + p + "_s as jsonb))";
    }

    public static JsonNode typed(String value) {
        if (NUMBER.matcher(value).matches()) {
            return JsonNodeFactory.instance.numberNode(new BigDecimal(value));
        }
        if (value.equals("true") || value.equals("false")) {
            return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value));
        }
        if (value.equals("null")) {
            return JsonNodeFactory.instance.nullNode();
        }
        return JsonNodeFactory.instance.stringNode(value);
    }

    private static JsonNode nest(String[] path, JsonNode leaf) {
        JsonNode node = leaf;
        for (int i = path.length - 1; i >= 0; i--) {
            ObjectNode parent = JsonNodeFactory.instance.objectNode();
            parent.set(path[i], node);
            node = parent;
        }
        return node;
    }

    private static void require(String value, String expression) {
        if (value == null) {
            throw invalid(expression, "a value is required");
        }
    }

    private static ApiException invalid(String expression, String why) {
        String shown = expression.length() > 100 ? expression.substring(0, 100) + "..." : expression;
        return new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "Bad request",
                "Invalid where filter \"" + shown + "\": " + why, List.of(new ApiException.FieldError("/where", why)));
    }
}
