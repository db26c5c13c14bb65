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
 * found ({@link #closestRows}): searched with the chunks they were nine rows in ten, which made
 * every search scan (or every HNSW graph hold) ten times the rows.
 */
public interface VectorIndex {

    /** {@code pgvector} or {@code memory}. */
    String kind();

    /**
     * The {@code limit} chunks most similar to {@code query} (unit length), best first; chunks
     * only, not their sentence rows. Needs the tenant's transaction.
     */
    List<ChunkMatch> nearest(UUID tenantId, float[] query, int limit);

    /**
     * For each of {@code shardIds}, its row most similar to {@code query}: a chunk or one of its
     * sentences. Shards without rows are left out. Needs the tenant's transaction.
     */
    Map<UUID, ChunkMatch> closestRows(UUID tenantId, float[] query, Collection<UUID> shardIds);

    /**
     * The direction of the mean of the tenant's vectors (unit length), or null when it has none.
     * Needs the tenant's transaction.
     */
    float[] meanDirection(UUID tenantId);

    /** Called after a transaction that changed the tenant's chunks committed on this node. */
    default void changed(UUID tenantId) {
    }
}
