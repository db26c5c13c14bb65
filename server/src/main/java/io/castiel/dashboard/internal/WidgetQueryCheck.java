package io.castiel.dashboard.internal;

import java.util.List;

import io.castiel.platform.ApiException.FieldError;
import io.castiel.shard.ShardAccess;
import tools.jackson.databind.JsonNode;

/**
 * The one place a widget's analytics query or metric is judged before a dashboard is stored
 * ({@link AnalyticsWidgetQueryCheck}).
 */
public interface WidgetQueryCheck {

    /**
     * The problems of {@code query} for the actor whose {@code rules} are given, each with a JSON
     * pointer under {@code pointer} (the query's own location in the request body); empty when fine.
     * Runs inside the tenant's transaction.
     */
    List<FieldError> problems(ShardAccess.Rules rules, JsonNode query, String pointer);

    /** The problems of a widget's {@code metricId} (already a well-formed id): it must exist and be readable. */
    List<FieldError> metricProblems(ShardAccess.Rules rules, String metricId, String pointer);
}
