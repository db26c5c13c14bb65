package io.castiel.search.internal;

import java.util.ArrayList;
import java.util.Arrays;
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
        double threshold = Double.NEGATIVE_INFINITY;
        for (int row = 0; row < n; row++) {
            double dot = dot(flat, row * dim, query, dim);
            if (best.size() < limit) {
                best.add(new ChunkMatch(vectors.shardIds()[row], vectors.chunkNos()[row], dot));
                threshold = best.size() == limit ? best.peek().similarity() : Double.NEGATIVE_INFINITY;
            } else if (dot > threshold) {
                best.poll();
                best.add(new ChunkMatch(vectors.shardIds()[row], vectors.chunkNos()[row], dot));
                threshold = best.peek().similarity();
            }
        }
        List<ChunkMatch> sorted = new ArrayList<>(best);
        sorted.sort(Comparator.comparingDouble(ChunkMatch::similarity).reversed());
        return sorted;
    }

    /**
     * The dot product of row {@code offset} of {@code flat} with {@code query}. Eight independent
     * float sums let the CPU pipeline the multiply-adds; one running double sum made every add wait
     * for the previous one and cost ~10 ms a search at 20k chunks, most of an embedded search.
     */
    static double dot(float[] flat, int offset, float[] query, int dim) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 8 <= dim; i += 8) {
            int o = offset + i;
            s0 += flat[o] * query[i];
            s1 += flat[o + 1] * query[i + 1];
            s2 += flat[o + 2] * query[i + 2];
            s3 += flat[o + 3] * query[i + 3];
            s4 += flat[o + 4] * query[i + 4];
            s5 += flat[o + 5] * query[i + 5];
            s6 += flat[o + 6] * query[i + 6];
            s7 += flat[o + 7] * query[i + 7];
        }
        for (; i < dim; i++) {
            s0 += flat[offset + i] * query[i];
        }
        return (double) ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    @Override
    public float[] meanDirection(UUID tenantId) {
        return current(tenantId).meanDirection();
    }

    @Override
    public void changed(UUID tenantId) {
        cache.invalidate(tenantId);
    }

    /**
     * The tenant's vectors as of its current generation, loaded once however many searches ask at
     * the same time: concurrent searches of a tenant whose vectors changed used to load them each,
     * and eight loads of 180k vectors at once exhausted a 2 GB heap.
     */
    private TenantVectors current(UUID tenantId) {
        long generation = chunks.generation(tenantId);
        TenantVectors cached = cache.getIfPresent(tenantId);
        if (cached != null && cached.generation() == generation) {
            return cached;
        }
        return cache.asMap().compute(tenantId, (tenant, held) -> held != null && held.generation() == generation ? held : load(tenant, generation));
    }

    /** Reads the tenant's vectors straight into one flat array of unit vectors, growing it as rows arrive. */
    private TenantVectors load(UUID tenantId, long generation) {
        int dim = EmbeddingConfiguration.DIMENSIONS;
        List<UUID> shardIds = new ArrayList<>();
        int[][] nos = {new int[1_024]};
        float[][] flat = {new float[1_024 * dim]};
        float[] sum = new float[dim];
        chunks.forEachVector(tenantId, (shardId, chunkNo, vector) -> {
            int row = shardIds.size();
            if (row == nos[0].length) {
                nos[0] = Arrays.copyOf(nos[0], row * 2);
                flat[0] = Arrays.copyOf(flat[0], row * 2 * dim);
            }
            shardIds.add(shardId);
            nos[0][row] = chunkNo;
            float[] unit = Vectors.normalized(vector);
            int length = Math.min(dim, unit.length);
            System.arraycopy(unit, 0, flat[0], row * dim, length);
            for (int i = 0; i < length; i++) {
                sum[i] += unit[i];
            }
        });
        int rows = shardIds.size();
        return new TenantVectors(generation, shardIds.toArray(UUID[]::new), Arrays.copyOf(nos[0], rows), Arrays.copyOf(flat[0], rows * dim), dim,
                rows == 0 ? null : Vectors.normalized(sum));
    }
}
