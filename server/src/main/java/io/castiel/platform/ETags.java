package io.castiel.platform;

/**
 * A revisioned resource's ETag (a shard's, a dashboard's, a saved view's) is its revision in
 * quotes; If-Match carries it back. One reading for every such resource, weak or strong.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(int revision) {
        return "\"" + revision + "\"";
    }

    /** The revision an If-Match header demands, or null when there is none (or it is {@code *}). */
    public static Integer expectedRevision(String ifMatch) {
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
