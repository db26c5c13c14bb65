package io.castiel.analytics;

/**
 * The rolling period a metric's value covers: the shards whose {@code field} (a date or date-time
 * field of the type, {@code createdAt} or {@code updatedAt}) lies within the last {@code last}
 * (an ISO 8601 period: {@code P7D}, {@code P2W}, {@code P1M}, {@code P3M}, {@code P1Y}) up to and
 * including today, days counted in the query's time zone. The previous period is the same length
 * just before it.
 */
public record MetricPeriod(String field, String last) {
}
