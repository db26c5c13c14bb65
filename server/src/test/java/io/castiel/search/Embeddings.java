package io.castiel.search;

import java.time.Duration;
import java.time.Instant;

import io.castiel.support.Api;
import tools.jackson.databind.JsonNode;

/** Waits, deterministically, for the embedding processor: polls a shard's embeddingStatus until it is the wanted one. */
public final class Embeddings {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private Embeddings() {
    }

    public static JsonNode awaitStatus(Api api, String shardId, String status) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            Api.Response response = api.get("shards/" + shardId + "?includeDeleted=true");
            if (response.status() == 200 && response.json().path("embeddingStatus").asString("").equals(status)) {
                return response.json();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("shard " + shardId + " did not reach embeddingStatus " + status + " within " + TIMEOUT + ": " + response);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public static JsonNode awaitReady(Api api, JsonNode shard) {
        return awaitStatus(api, shard.get("id").asString(), "ready");
    }
}
