package io.castiel.shard;

import java.util.List;

/**
 * An aggregation over the shards of one type that the caller may read ({@code POST
 * /analytics/query}): the {@code where} filters of {@code GET /shards}, up to four groupings
 * ({@code stage}, {@code closeDate:month}, {@code metadata.tags},
 * {@code related:has_opportunity:in.industry}), measures, an order by output column
 * ({@code -sum_amount}), a row limit and the IANA time zone that date buckets are cut in.
 */
public record AggregationQuery(String shardType, List<String> where, List<String> groupBy, List<Measure> measures, List<String> sort,
        Integer limit, String timezone) {

    /** {@code count}, {@code sum}, {@code avg}, {@code min}, {@code max}, {@code countDistinct}, {@code p50} or {@code p90} of a field; {@code as} names the column. */
    public record Measure(String fn, String field, String as) {
    }
}
