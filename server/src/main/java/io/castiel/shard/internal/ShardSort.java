package io.castiel.shard.internal;

import java.util.List;
import java.util.regex.Pattern;

import io.castiel.platform.ApiException;

/**
 * The order of a shard list: one key plus the id as tie-breaker, which makes keyset pagination
 * exact. System fields sort by their column; {@code structuredData.x} sorts by the JSON value
 * (jsonb order: null, strings, numbers, booleans...), a missing field counting as JSON null.
 *
 * @param column the system column sorted by, or null for a data field
 * @param path the data field's path, or null for a system column
 * @param cast the SQL type of the key, for comparing a cursor's key with it
 */
public record ShardSort(String spec, String column, List<String> path, String cast, boolean descending) {

    private static final Pattern DATA_FIELD = Pattern.compile("^structuredData(\\.[A-Za-z_][A-Za-z0-9_\\-]{0,63}){1,8}$");

    public static ShardSort parse(String sort) {
        String spec = sort == null || sort.isBlank() ? "-createdAt" : sort.trim();
        boolean descending = spec.startsWith("-");
        String field = descending || spec.startsWith("+") ? spec.substring(1) : spec;
        return switch (field) {
            case "createdAt" -> new ShardSort(spec, "created_at", null, "timestamptz", descending);
            case "updatedAt" -> new ShardSort(spec, "updated_at", null, "timestamptz", descending);
            case "revision" -> new ShardSort(spec, "revision", null, "integer", descending);
            case "shardType" -> new ShardSort(spec, "shard_type", null, "text", descending);
            case "status" -> new ShardSort(spec, "status", null, "text", descending);
            default -> {
                if (!DATA_FIELD.matcher(field).matches()) {
                    throw ApiException.badRequest("sort must be createdAt, updatedAt, revision, shardType, status or "
                            + "structuredData.<field>, optionally prefixed with - for descending", "/sort");
                }
                yield new ShardSort(spec, null, List.of(field.substring("structuredData.".length()).split("\\.")), "jsonb", descending);
            }
        };
    }

    /** The key on the shards row aliased {@code alias}. */
    public String expression(String alias) {
        return column != null ? alias + "." + column
                : "coalesce(" + alias + ".structured_data #> '{" + String.join(",", path) + "}', 'null'::jsonb)";
    }

    /**
     * The same key on a typed column holding the data field, for rows whose value there is absent
     * or of the column's type: {@code to_jsonb} gives back the JSON value, so the order and the
     * cursor's key are exactly those of {@link #expression}.
     */
    public String typedExpression(String column) {
        return "coalesce(to_jsonb(" + column + "), 'null'::jsonb)";
    }
}
