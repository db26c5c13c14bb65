package io.castiel.analytics;

import io.castiel.shard.AggregationQuery;

/** The body of {@code POST /metrics-definitions}. */
public record NewMetricDefinition(String name, String displayName, AggregationQuery query, String format, MetricPeriod period) {
}
