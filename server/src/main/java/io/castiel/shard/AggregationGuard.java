package io.castiel.shard;

import java.time.Duration;

/**
 * What one aggregation may cost the database: its statement is cancelled after
 * {@code statementTimeout} (a 503 problem), a grouping that yields more than {@code maxGroups}
 * groups is refused (a 422 problem) rather than answered, and its sorts and hash tables may use
 * {@code workMemKilobytes} each before they spill to disk. Set by the caller's configuration.
 */
public record AggregationGuard(int maxGroups, Duration statementTimeout, long workMemKilobytes) {
}
