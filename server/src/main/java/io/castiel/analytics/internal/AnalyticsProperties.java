package io.castiel.analytics.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import io.castiel.shard.AggregationGuard;

/**
 * What one analytics query may cost ({@code castiel.analytics.*}).
 *
 * @param maxGroups        a grouping yielding more groups than this is refused with a 422 (the answer shows at most 10,000 rows anyway)
 * @param statementTimeout the aggregation statement is cancelled after this long, answered with a 503
 * @param workMem          PostgreSQL {@code work_mem} for the aggregation statement (each sort or hash table of it)
 * @param maxConcurrent    analytics queries running at once on this node, each holding a database connection; the others
 *                         wait their turn in arrival order ({@link AnalyticsPermits}); 0 means the number of processors
 * @param queueTimeout     a query that waited this long for its turn is answered with a 503
 */
@ConfigurationProperties("castiel.analytics")
public record AnalyticsProperties(@DefaultValue("100000") int maxGroups, @DefaultValue("15s") Duration statementTimeout,
        @DefaultValue("32MB") DataSize workMem, @DefaultValue("0") int maxConcurrent, @DefaultValue("30s") Duration queueTimeout) {

    public AggregationGuard guard() {
        return new AggregationGuard(maxGroups, statementTimeout, workMem.toKilobytes());
    }
}
