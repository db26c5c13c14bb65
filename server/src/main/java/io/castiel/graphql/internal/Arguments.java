package io.castiel.graphql.internal;

import java.util.UUID;

import io.castiel.platform.ApiException;

/** Reading GraphQL arguments the way REST reads path and query parameters (a bad one is a VALIDATION error). */
final class Arguments {

    private Arguments() {
    }

    static UUID uuid(String value, String name) {
        try {
            if (value != null && value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiException.badRequest(name + " must be a UUID", "/" + name);
    }
}
