package io.castiel.platform.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;

/**
 * A database failure in a GraphQL resolver as a clear error (code {@code UNAVAILABLE}, or
 * {@code INSUFFICIENT_STORAGE}, with the HTTP status REST answers and the seconds to wait) rather
 * than Spring's bare INTERNAL_ERROR. Here rather than beside the graphql module's own error
 * mapping, because telling a database failure apart is the platform's ({@link DatabaseFailures}).
 */
@Component
class GraphQlDatabaseErrors extends DataFetcherExceptionResolverAdapter {

    private final DatabaseFailures failures;

    GraphQlDatabaseErrors(DatabaseFailures failures) {
        this.failures = failures;
    }

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        return failures.recognise(ex, "graphql").map(failure -> {
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("code", failure.status().value() == 507 ? "INSUFFICIENT_STORAGE" : "UNAVAILABLE");
            extensions.put("status", failure.status().value());
            if (failure.retryAfter() != null) {
                extensions.put("retryAfter", failure.retryAfter().toSeconds());
            }
            return GraphqlErrorBuilder.newError(env).errorType(ErrorType.INTERNAL_ERROR).message(failure.detail()).extensions(extensions)
                    .build();
        }).orElse(null);
    }
}
