package io.castiel.shard;

import java.util.List;

/**
 * The answer to an {@link AggregationQuery}: its columns (groupings first, then an added
 * {@code currency} for money measures, the measures and {@code skipped}), one row per group, and
 * whether more groups exist than the limit let through.
 */
public record AggregationResult(List<Column> columns, List<List<Object>> rows, boolean truncated) {

    /** A column's name (what {@code sort} names it by) and type: string, number, integer, boolean or date. */
    public record Column(String name, String type) {
    }
}
