package io.castiel.dashboard.internal;

import java.util.List;

import io.castiel.platform.ApiException.FieldError;
import io.castiel.shard.ShardAccess;
import tools.jackson.databind.JsonNode;

/**
 * The one place a widget's analytics query is judged before a dashboard is stored. Today
 * {@link StructuralWidgetQueryCheck} checks its shape; once the analytics engine is merged, an
 * implementation that asks the engine to validate the query in full (fields the type declares,
 * buckets on dates only, limits) replaces it here, and nothing else in the module changes.
 */
public interface WidgetQueryCheck {

    /**
     * The problems of {@code query} for the actor whose {@code rules} are given, each with a JSON
     * pointer under {@code pointer} (the query's own location in the request body); empty when fine.
     * Runs inside the tenant's transaction.
     */
    List<FieldError> problems(ShardAccess.Rules rules, JsonNode query, String pointer);

    /**
     * The problems of a widget's {@code metricId} (already a well-formed id), at {@code pointer}.
     * Nothing yet: metric definitions are the analytics module's, which will say whether the
     * metric exists and the caller may read it.
     */
    default List<FieldError> metricProblems(ShardAccess.Rules rules, String metricId, String pointer) {
        return List.of();
    }
}
