package io.castiel.search.internal;

import java.util.List;
import java.util.UUID;

/**
 * Nearest-neighbour search over a tenant's chunk vectors ({@code shard_chunks.embedding}), under
 * Row-Level Security: pgvector's HNSW index in server mode, an exact scan in the JVM where the
 * database has no pgvector (embedded mode). Both read the rows {@link Chunks} writes.
 */
public interface VectorIndex {

    /** {@code pgvector} or {@code memory}. */
    String kind();

    /** The {@code limit} chunks most similar to {@code query} (unit length), best first. Needs the tenant's transaction. */
    List<ChunkMatch> nearest(UUID tenantId, float[] query, int limit);

    /**
     * The direction of the mean of the tenant's vectors (unit length), or null when it has none.
     * Needs the tenant's transaction.
     */
    float[] meanDirection(UUID tenantId);

    /** Called after a transaction that changed the tenant's chunks committed on this node. */
    default void changed(UUID tenantId) {
    }
}
