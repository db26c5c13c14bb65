package io.castiel.search.internal;

/** Which model made the stored embeddings ({@code shard_embeddings.model}, part of the content hash). */
record EmbeddingModelName(String value) {
}
