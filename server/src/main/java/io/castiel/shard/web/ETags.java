package io.castiel.shard.web;

import io.castiel.platform.ApiException;

/** A shard's ETag is its revision in quotes; If-Match carries it back. */
final class ETags {

    private ETags() {
    }

    static String of(int revision) {
        return "\"" + revision + "\"";
    }

    /** The revision an If-Match header demands, or null when there is none (or it is {@code *}). */
    static Integer expectedRevision(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.preconditionFailed("If-Match must be an ETag this API returned, such as \"3\"");
        }
    }
}
