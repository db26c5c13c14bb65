package io.castiel.platform;

/**
 * Where the API is served: everything under {@code /api/v1}, and GraphQL also at
 * {@code POST /graphql}, the path API.md and the original design name. The filters that treat API
 * requests alike (authentication, rate limits, the API's Content-Security-Policy) ask here, so
 * that the second GraphQL path gets exactly the first one's treatment.
 */
public final class ApiPaths {

    public static final String BASE = "/api/v1";
    /** GraphQL at the base path, where its WebSocket and schema export also are. */
    public static final String GRAPHQL = BASE + "/graphql";
    /** GraphQL at the root, the same endpoint as {@link #GRAPHQL}. */
    public static final String ROOT_GRAPHQL = "/graphql";

    private ApiPaths() {
    }

    public static boolean isApi(String path) {
        return path.equals(BASE) || path.startsWith(BASE + "/") || path.equals(ROOT_GRAPHQL);
    }
}
