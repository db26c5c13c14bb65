package io.castiel.graphql.internal;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import io.castiel.analytics.AnalyticsQueries;
import io.castiel.shard.AggregationQuery;
import io.castiel.shard.AggregationResult;

/** {@code analytics(query:)}: the analytics module's service, as {@code POST /analytics/query} calls it. */
@Controller
class AnalyticsGraphController {

    private final AnalyticsQueries queries;

    AnalyticsGraphController(AnalyticsQueries queries) {
        this.queries = queries;
    }

    @QueryMapping
    AggregationResult analytics(@Argument AggregationQuery query) {
        return queries.query(query);
    }
}
