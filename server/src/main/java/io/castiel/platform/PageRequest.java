package io.castiel.platform;

/**
 * What a list endpoint was asked for: at most {@code limit} items, after the page that
 * {@code cursor} ended (null for the first page). Every list takes the same bounds, so a limit
 * outside them is the same 400, pointing at {@code /limit}, wherever it is asked for. The cursor
 * is read with {@link Cursors}, which holds the key that makes it tamper-evident.
 */
public record PageRequest(int limit, String cursor) {

    public static final int MAX_LIMIT = 500;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT, "/limit");
        }
    }

    public static PageRequest of(int limit, String cursor) {
        return new PageRequest(limit, cursor);
    }

    /** How many rows to fetch: one more than a page, which tells whether another page follows. */
    public int rowsToFetch() {
        return limit + 1;
    }
}
