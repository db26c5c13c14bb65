package io.castiel.search.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Nearest-neighbour search over a tenant's chunk vectors ({@code shard_chunks.embedding}), under
 * Row-Level Security: pgvector's HNSW index in server mode, an exact scan in the JVM where the
 * database has no pgvector (embedded mode). Both read the rows {@link Chunks} writes. Sentence
 * rows are not searched for neighbours, only compared with a query for the shards a chunk search
 * found ({@link Searcher#closestSentences}): searched with the chunks they were nine rows in ten, which made
 * every search scan (or every HNSW graph hold) ten times the rows.
 */
public interface VectorIndex {

    /** {@code pgvector} or {@code memory}. */
    String kind();

    /**
     * The tenant's vectors for the steps of one search, in the tenant's transaction: the in-memory
     * index looks the tenant's vectors up once for all of them (a primary-key read of its
     * generation each time, three times a search, was measurable at hundreds of searches/s).
     */
    Searcher searcher(UUID tenantId);

    /** One tenant's vectors, searched in its transaction. */
    interface Searcher {

        /**
         * The {@code limit} chunks most similar to {@code query} (unit length), best first; chunks
         * only, not their sentence rows.
         */
        List<ChunkMatch> nearest(float[] query, int limit);

        /**
         * For each of {@code shardIds}, its sentence row most similar to {@code query}. Shards without
         * sentence rows are left out. A shard's chunks are not compared again: {@link #nearest} yields
         * every chunk closer than the last it returns, so a shard it found came with its closest chunk.
         */
        Map<UUID, ChunkMatch> closestSentences(float[] query, Collection<UUID> shardIds);

        /** The direction of the mean of the tenant's vectors (unit length), or null when it has none. */
        float[] meanDirection();
    }
}
