package io.castiel.graphql.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.castiel.platform.ApiException;

/**
 * The services' {@link ApiException}s as GraphQL errors: the message, {@code extensions.code}
 * (API.md: NOT_FOUND, FORBIDDEN, VALIDATION, CONFLICT, and UNAUTHENTICATED, RATE_LIMITED), the HTTP
 * status REST would have answered, and the validation pointers. A database failure is the
 * platform's (code UNAVAILABLE); anything else stays Spring's INTERNAL_ERROR without details.
 */
@Component
class GraphQlErrors extends DataFetcherExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        return ex instanceof ApiException e ? toError(e, GraphqlErrorBuilder.newError(env)) : null;
    }

    /** The same mapping for errors of a subscription's stream (no field environment there). */
    @Component
    static class OfSubscriptions extends SubscriptionExceptionResolverAdapter {

        @Override
        protected GraphQLError resolveToSingleError(Throwable ex) {
            return ex instanceof ApiException e ? toError(e, GraphqlErrorBuilder.newError()) : null;
        }
    }

    static GraphQLError toError(ApiException e, GraphqlErrorBuilder<?> builder) {
        int status = e.status().value();
        String code;
        ErrorType type;
        switch (status) {
            case 401 -> { code = "UNAUTHENTICATED"; type = ErrorType.UNAUTHORIZED; }
            case 403 -> { code = "FORBIDDEN"; type = ErrorType.FORBIDDEN; }
            case 404 -> { code = "NOT_FOUND"; type = ErrorType.NOT_FOUND; }
            case 409, 412 -> { code = "CONFLICT"; type = ErrorType.BAD_REQUEST; }
            case 429 -> { code = "RATE_LIMITED"; type = ErrorType.BAD_REQUEST; }
            default -> {
                code = status < 500 ? "VALIDATION" : "INTERNAL";
                type = status < 500 ? ErrorType.BAD_REQUEST : ErrorType.INTERNAL_ERROR;
            }
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code);
        extensions.put("status", status);
        if (!e.errors().isEmpty()) {
            List<Map<String, String>> pointers = e.errors().stream()
                    .map(error -> Map.of("pointer", error.pointer(), "message", error.message())).toList();
            extensions.put("errors", pointers);
        }
        return builder.errorType(type).message(e.getMessage()).extensions(extensions).build();
    }
}
