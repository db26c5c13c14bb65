package io.castiel.dashboard.web;

import io.castiel.platform.ApiException;

/** As for shards: a dashboard's or view's ETag is its revision in quotes; If-Match carries it back (absent or {@code *}: no check). */
final class ETags {

    private ETags() {
    }

    static String of(int revision) {
        return "\"" + revision + "\"";
    }

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
