package io.castiel.search.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Exact cosine search in the JVM, for databases without pgvector (embedded mode). A tenant's
 * vectors are loaded on its first search into one flat float array (384 floats a chunk, about
 * 1.5 KB) and kept while they are current: every change to a tenant's chunks bumps its generation
 * in {@code vector_generations}, which each search reads (one primary-key lookup), so a change made
 * by any node is seen by the next search on every node. The cache is bounded by the total number
 * of chunks held ({@code castiel.ai.index.memory-max-chunks}); the least recently used tenants go
 * first.
 */
@Component
class MemoryVectorIndex implements VectorIndex {

    /** One tenant's vectors as of {@code generation}; row {@code i} is {@code vectors[i*dim .. (i+1)*dim)}. */
    private record TenantVectors(long generation, UUID[] shardIds, int[] chunkNos, float[] vectors, int dimensions, float[] meanDirection) {

        int size() {
            return shardIds.length;
        }
    }

    private final Chunks chunks;
    private final Cache<UUID, TenantVectors> cache;

    MemoryVectorIndex(Chunks chunks, AiProperties properties) {
        this.chunks = chunks;
        this.cache = Caffeine.newBuilder().maximumWeight(properties.index().memoryMaxChunks())
                .weigher((UUID tenant, TenantVectors vectors) -> vectors.size() + 1).build();
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public List<ChunkMatch> nearest(UUID tenantId, float[] query, int limit) {
        TenantVectors vectors = current(tenantId);
        int n = vectors.size();
        int dim = vectors.dimensions();
        PriorityQueue<ChunkMatch> best = new PriorityQueue<>(Comparator.comparingDouble(ChunkMatch::similarity));
        float[] flat = vectors.vectors();
        for (int row = 0; row < n; row++) {
            int offset = row * dim;
            double dot = 0;
            for (int i = 0; i < dim; i++) {
                dot += flat[offset + i] * query[i];
            }
            if (best.size() < limit) {
                best.add(new ChunkMatch(vectors.shardIds()[row], vectors.chunkNos()[row], dot));
            } else if (dot > best.peek().similarity()) {
                best.poll();
                best.add(new ChunkMatch(vectors.shardIds()[row], vectors.chunkNos()[row], dot));
            }
        }
        List<ChunkMatch> sorted = new ArrayList<>(best);
        sorted.sort(Comparator.comparingDouble(ChunkMatch::similarity).reversed());
        return sorted;
    }

    @Override
    public float[] meanDirection(UUID tenantId) {
        return current(tenantId).meanDirection();
    }

    @Override
    public void changed(UUID tenantId) {
        cache.invalidate(tenantId);
    }

    private TenantVectors current(UUID tenantId) {
        long generation = chunks.generation(tenantId);
        TenantVectors cached = cache.getIfPresent(tenantId);
        if (cached != null && cached.generation() == generation) {
            return cached;
        }
        List<UUID> shardIds = new ArrayList<>();
        List<Integer> chunkNos = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        chunks.forEachVector(tenantId, (shardId, chunkNo, vector) -> {
            shardIds.add(shardId);
            chunkNos.add(chunkNo);
            rows.add(vector);
        });
        int dim = rows.isEmpty() ? EmbeddingConfiguration.DIMENSIONS : rows.get(0).length;
        float[] flat = new float[rows.size() * dim];
        int[] nos = new int[rows.size()];
        float[] sum = new float[dim];
        for (int row = 0; row < rows.size(); row++) {
            float[] unit = Vectors.normalized(rows.get(row));
            System.arraycopy(unit, 0, flat, row * dim, Math.min(dim, unit.length));
            nos[row] = chunkNos.get(row);
            for (int i = 0; i < Math.min(dim, unit.length); i++) {
                sum[i] += unit[i];
            }
        }
        TenantVectors loaded = new TenantVectors(generation, shardIds.toArray(UUID[]::new), nos, flat, dim,
                rows.isEmpty() ? null : Vectors.normalized(sum));
        cache.put(tenantId, loaded);
        return loaded;
    }
}
