package io.castiel.analytics;

import org.springframework.stereotype.Service;

import io.castiel.analytics.internal.AnalyticsPermits;
import io.castiel.analytics.internal.AnalyticsProperties;
import io.castiel.platform.Actor;
import io.castiel.shard.AggregationPlan;
import io.castiel.shard.AggregationQuery;
import io.castiel.shard.AggregationResult;
import io.castiel.shard.AggregationWindow;
import io.castiel.shard.ShardAggregations;

/**
 * Analytics queries as REST and GraphQL run them: the shard module's aggregation under this
 * node's guard ({@code castiel.analytics.max-groups}, {@code .statement-timeout}), at most
 * {@code castiel.analytics.max-concurrent} at once ({@link AnalyticsPermits}). The permit is taken
 * here, before the aggregation's transaction borrows a database connection, so queries waiting
 * their turn hold none; checks, which do not touch the database, need no permit.
 */
@Service
public class AnalyticsQueries {

    private final ShardAggregations aggregations;
    private final AnalyticsProperties properties;
    private final AnalyticsPermits permits;

    AnalyticsQueries(ShardAggregations aggregations, AnalyticsProperties properties, AnalyticsPermits permits) {
        this.aggregations = aggregations;
        this.properties = properties;
        this.permits = permits;
    }

    /** The groups and measures of {@code query} over the shards the caller may read. */
    public AggregationResult query(AggregationQuery query) {
        return permits.run(() -> aggregations.run(query, null, properties.guard()));
    }

    /** As {@link #query(AggregationQuery)}, kept to a date window (a metric's period). */
    public AggregationResult query(AggregationQuery query, AggregationWindow window) {
        return permits.run(() -> aggregations.run(query, window, properties.guard()));
    }

    /** Checks a query without running it. */
    public void check(AggregationQuery query, AggregationWindow window) {
        aggregations.check(query, window);
    }

    /** Checks a query without running it, as {@code actor} would run it (where no request carries an actor). */
    public void check(Actor actor, AggregationQuery query) {
        aggregations.check(actor, query, null);
    }

    /** The plan of {@code query}, for admins. */
    public AggregationPlan explain(AggregationQuery query) {
        return permits.run(() -> aggregations.explain(query, properties.guard()));
    }
}
