package io.castiel.shard;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import io.castiel.platform.ApiException;
import io.castiel.shard.internal.WhereFilter;
import tools.jackson.databind.JsonNode;

/**
 * The {@code where} filters of {@code GET /shards} ({@code field:op:value}, ANDed), evaluated in
 * memory against a shard's {@code structuredData}: for consumers that see one shard at a time (an
 * event) instead of querying. Parsing and validation are {@link WhereFilter}'s, so a filter is
 * accepted here exactly when the list accepts it; the evaluation follows the SQL's semantics
 * (a number compared with a string is false, never an error; {@code ne} holds for a missing field;
 * string order is code-point order like {@code collate "C"}).
 */
public final class ShardFilter {

    /** As many filters as {@code GET /shards} takes. */
    public static final int MAX_CONDITIONS = 20;

    private final List<WhereFilter.Condition> conditions;

    private ShardFilter(List<WhereFilter.Condition> conditions) {
        this.conditions = conditions;
    }

    /** Parses the filters; an invalid one is a 400 with pointer {@code /where}. */
    public static ShardFilter parse(List<String> where) {
        if (where == null) {
            return new ShardFilter(List.of());
        }
        if (where.size() > MAX_CONDITIONS) {
            throw ApiException.badRequest("At most " + MAX_CONDITIONS + " where filters", "/where");
        }
        for (String expression : where) {
            if (expression == null) {
                throw ApiException.badRequest("A where filter is a string field:operator:value", "/where");
            }
        }
        return new ShardFilter(where.stream().map(WhereFilter::parse).toList());
    }

    /** Whether {@code structuredData} meets every filter. */
    public boolean matches(JsonNode structuredData) {
        for (WhereFilter.Condition condition : conditions) {
            if (!matches(condition, at(structuredData, condition.path()))) {
                return false;
            }
        }
        return true;
    }

    /** The node at the path, or null when it is missing (as {@code #>} gives SQL null). */
    private static JsonNode at(JsonNode root, String[] path) {
        JsonNode node = root;
        for (String segment : path) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(segment);
        }
        return node;
    }

    private static boolean matches(WhereFilter.Condition condition, JsonNode node) {
        String value = condition.value();
        return switch (condition.op()) {
            case "eq" -> equal(node, value);
            case "ne" -> !equal(node, value);
            case "gt", "gte", "lt", "lte" -> compare(condition.op(), node, value);
            case "in" -> {
                for (String alternative : condition.alternatives()) {
                    if (equal(node, alternative)) {
                        yield true;
                    }
                }
                yield false;
            }
            case "contains" -> contains(node, value);
            case "exists" -> (node != null) == condition.wanted();
            default -> throw new IllegalStateException("parse admits no operator " + condition.op());
        };
    }

    /** {@code structured_data @> {path: typed}} or its string form: scalar equality at the path. */
    private static boolean equal(JsonNode node, String value) {
        if (node == null) {
            return false;
        }
        JsonNode typed = WhereFilter.typed(value);
        return same(node, typed) || node.isString() && node.asString().equals(value);
    }

    private static boolean same(JsonNode node, JsonNode typed) {
        if (node.isNumber() && typed.isNumber()) {
            return node.decimalValue().compareTo(typed.decimalValue()) == 0;
        }
        return node.equals(typed);
    }

    private static boolean compare(String op, JsonNode node, String value) {
        if (node == null) {
            return false;
        }
        int order;
        if (WhereFilter.isNumber(value)) {
            if (!node.isNumber()) {
                return false;
            }
            order = node.decimalValue().compareTo(new BigDecimal(value));
        } else {
            if (!node.isString()) {
                return false;
            }
            order = compareCodePoints(node.asString(), value);
        }
        return switch (op) {
            case "gt" -> order > 0;
            case "gte" -> order >= 0;
            case "lt" -> order < 0;
            default -> order <= 0;
        };
    }

    private static boolean contains(JsonNode node, String value) {
        if (node == null) {
            return false;
        }
        if (node.isString()) {
            return node.asString().toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT));
        }
        if (node.isArray()) {
            JsonNode typed = WhereFilter.typed(value);
            for (JsonNode element : node) {
                if (same(element, typed) || element.isString() && element.asString().equals(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** UTF-8 byte order, which is code-point order (what {@code collate "C"} compares). */
    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
