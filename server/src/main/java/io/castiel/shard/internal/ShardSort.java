package io.castiel.shard.internal;

import java.util.regex.Pattern;

import io.castiel.platform.ApiException;

/**
 * The order of a shard list: one key plus the id as tie-breaker, which makes keyset pagination
 * exact. System fields sort by their column; {@code structuredData.x} sorts by the JSON value
 * (jsonb order: null, strings, numbers, booleans...), a missing field counting as JSON null.
 */
public record ShardSort(String spec, String expression, String cast, boolean descending) {

    private static final Pattern DATA_FIELD = Pattern.compile("^structuredData(\\.[A-Za-z_][A-Za-z0-9_\\-]{0,63}){1,8}$");

    public static ShardSort parse(String sort) {
        String spec = sort == null || sort.isBlank() ? "-createdAt" : sort.trim();
        boolean descending = spec.startsWith("-");
        String field = descending || spec.startsWith("+") ? spec.substring(1) : spec;
        return switch (field) {
            case "createdAt" -> new ShardSort(spec, "created_at", "timestamptz", descending);
            case "updatedAt" -> new ShardSort(spec, "updated_at", "timestamptz", descending);
            case "revision" -> new ShardSort(spec, "revision", "integer", descending);
            case "shardType" -> new ShardSort(spec, "shard_type", "text", descending);
            case "status" -> new ShardSort(spec, "status", "text", descending);
            default -> {
                if (!DATA_FIELD.matcher(field).matches()) {
                    throw ApiException.badRequest("sort must be createdAt, updatedAt, revision, shardType, status or "
                            + "structuredData.<field>, optionally prefixed with - for descending", "/sort");
                }
                String path = field.substring("structuredData.".length()).replace('.', ',');
                yield new ShardSort(spec, "coalesce(structured_data #> '{" + path + "}', 'null'::jsonb)", "jsonb", descending);
            }
        };
    }
}
