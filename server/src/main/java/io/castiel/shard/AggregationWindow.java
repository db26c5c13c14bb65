package io.castiel.shard;

import java.time.LocalDate;

/**
 * Keeps an aggregation to the shards whose date field lies in {@code [start, end)}, days counted
 * in the query's time zone: a metric's period. {@code field} is a {@code date} or
 * {@code date-time} field of the type, or {@code createdAt}/{@code updatedAt}.
 */
public record AggregationWindow(String field, LocalDate start, LocalDate end) {
}
