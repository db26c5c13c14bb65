package io.castiel.analytics;

import java.time.Instant;
import java.util.UUID;

import io.castiel.shard.AggregationQuery;

/**
 * A saved KPI: an analytics query with one measure and no grouping, how to show its number
 * ({@code number}, {@code percent}, {@code currency:EUR}) and optionally the rolling period it
 * covers.
 */
public record MetricDefinition(UUID id, String name, String displayName, AggregationQuery query, String format, MetricPeriod period,
        UUID createdBy, Instant createdAt, Instant updatedAt) {
}
