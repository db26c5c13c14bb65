package io.castiel.search.internal;

import java.util.UUID;

/** A chunk close to a query vector, with its cosine similarity (1 = same direction). */
public record ChunkMatch(UUID shardId, int chunkNo, double similarity) {
}
