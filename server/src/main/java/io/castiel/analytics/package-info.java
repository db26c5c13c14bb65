/**
 * Analytics: group-by aggregations over the shards ({@code POST /analytics/query}, as JSON or
 * CSV, and its plan for admins) and metric definitions, saved one-number queries with a format and
 * a rolling period ({@code /metrics-definitions}). The aggregation itself is the shard module's
 * ({@link io.castiel.shard.ShardAggregations}): this module never reads the shard tables, so the
 * permissions are exactly those of {@code GET /shards}. It adds the guard each query runs under
 * ({@code castiel.analytics.*}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Analytics")
package io.castiel.analytics;
