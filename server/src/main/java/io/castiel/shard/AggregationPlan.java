package io.castiel.shard;

/**
 * How PostgreSQL would run an {@link AggregationQuery} (its {@code EXPLAIN}), for admins tuning a
 * dashboard: the plan text and the planner's estimate of the groups it returns. The statement
 * itself is not part of it.
 */
public record AggregationPlan(String plan, long estimatedRows) {
}
