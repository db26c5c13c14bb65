package io.castiel.search.internal;

import java.util.Map;

/**
 * How a remote OpenAI-compatible endpoint is authenticated: the key as a bearer token (OpenAI,
 * most servers), or in a header of its own with an {@code api-version} query parameter (Azure
 * OpenAI deployments: {@code api-key}).
 */
record RemoteAuth(String bearerKey, Map<String, String> headers, Map<String, String> queryParams) {

    static RemoteAuth of(String apiKey, String apiKeyHeader, String apiVersion) {
        boolean ownHeader = apiKeyHeader != null && !apiKeyHeader.isBlank() && !apiKeyHeader.equalsIgnoreCase("authorization");
        String key = apiKey == null || apiKey.isBlank() ? null : apiKey;
        return new RemoteAuth(ownHeader ? null : key, ownHeader && key != null ? Map.of(apiKeyHeader, key) : Map.of(),
                apiVersion == null || apiVersion.isBlank() ? Map.of() : Map.of("api-version", apiVersion));
    }
}
