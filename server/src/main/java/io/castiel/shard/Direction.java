package io.castiel.shard;

import java.util.Locale;

import io.castiel.platform.ApiException;

/** Which edges of a shard to follow: those leaving it, those arriving at it, or both. */
public enum Direction {
    OUT, IN, BOTH;

    public static Direction parse(String value, Direction fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("direction must be one of out, in, both", "/direction");
        }
    }
}
