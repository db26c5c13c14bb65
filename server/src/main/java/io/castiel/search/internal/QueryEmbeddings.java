package io.castiel.search.internal;

import java.util.UUID;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * The unit vector of a search query, embedded once and kept ({@code castiel.ai.embedding.query-cache-size}
 * queries, least recently used first out). Embedding a query costs more CPU than the rest of a
 * semantic search together (several ms with the local model, a paid call with a remote one),
 * and queries repeat: the next page, a refreshed dashboard, a saved search, a popular question.
 * Keyed by tenant as well as text, though the vector depends on the text alone: a shared entry
 * would answer another tenant's identical query faster, telling it by timing what was searched.
 */
@Component
public class QueryEmbeddings {

    private final EmbeddingModel model;
    private final EmbeddingPrefixes prefixes;
    private final Cache<Key, float[]> cache;

    QueryEmbeddings(EmbeddingModel model, EmbeddingPrefixes prefixes, AiProperties properties) {
        this.model = model;
        this.prefixes = prefixes;
        this.cache = Caffeine.newBuilder().maximumSize(properties.embedding().queryCacheSize()).build();
    }

    private record Key(UUID tenantId, String query) {
    }

    /** The normalized embedding of {@code query}, asked by {@code tenantId}; callers must not modify it. */
    public float[] of(UUID tenantId, String query) {
        return cache.get(new Key(tenantId, query), key -> Vectors.normalized(model.embed(prefixes.query(key.query())).content().vector()));
    }
}
