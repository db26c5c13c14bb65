package io.castiel.search.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Exact cosine search in the JVM, for databases without pgvector (embedded mode). A tenant's
 * vectors are loaded on its first search into flat float arrays (384 floats a row, about 1.5 KB),
 * chunks in one and sentences in another, each shard's rows side by side, and kept while they are
 * current: every change to a tenant's chunks bumps its generation in {@code vector_generations},
 * which each search reads (one primary-key lookup), so a change made by any node is seen by the
 * next search on every node. The cache is bounded by the total number of rows held
 * ({@code castiel.ai.index.memory-max-chunks}); the least recently used tenants go first.
 */
@Component
class MemoryVectorIndex implements VectorIndex {

    /**
     * One tenant's rows as of {@code generation}. Chunk {@code i} is
     * {@code chunks[i*dim .. (i+1)*dim)}, sentence {@code j} likewise in {@code sentences}; a
     * shard's chunks are {@code [from[0], to[0])}, its sentences {@code [from[1], to[1])}.
     */
    private record TenantVectors(long generation, Rows chunks, Rows sentences, Map<UUID, int[]> shardRows, int dimensions, float[] meanDirection) {

        long size() {
            return (long) chunks.size() + sentences.size();
        }
    }

    /** Rows of one kind: row {@code i} is shard {@code shardIds[i]}'s row numbered {@code chunkNos[i]}. */
    private record Rows(UUID[] shardIds, int[] chunkNos, float[] vectors) {

        int size() {
            return shardIds.length;
        }

        ChunkMatch match(int row, double similarity) {
            return new ChunkMatch(shardIds[row], chunkNos[row], similarity);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(MemoryVectorIndex.class);

    private final Chunks chunks;
    private final Cache<UUID, TenantVectors> cache;
    private final DotProduct dotProduct;

    MemoryVectorIndex(Chunks chunks, AiProperties properties) {
        this.chunks = chunks;
        this.dotProduct = DotProduct.fastest();
        if (dotProduct instanceof SimdDotProduct) {
            log.info("In-memory vector search uses the Vector API ({} floats a register)", SimdDotProduct.lanes());
        } else {
            log.info("In-memory vector search uses scalar dot products; start the JVM with --add-modules jdk.incubator.vector for SIMD ones");
        }
        this.cache = Caffeine.newBuilder().maximumWeight(properties.index().memoryMaxChunks())
                .weigher((UUID tenant, TenantVectors vectors) -> (int) Math.min(Integer.MAX_VALUE, vectors.size() + 1)).build();
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public Searcher searcher(UUID tenantId) {
        return new TenantSearcher(current(tenantId));
    }

    /**
     * One search over a tenant's vectors. The scores of all chunk rows for a query are computed
     * once and kept for the search: a search that fetches deeper (too few readable shards among
     * the first rows) selects again from them instead of scanning again, and ranking the shards
     * found by their closest row needs dot products for their sentence rows only. The scan
     * waits on memory (a tenant's rows do not fit in the CPU's caches), so each one avoided counts.
     */
    private final class TenantSearcher implements Searcher {

        private final TenantVectors vectors;
        private float[] scoredQuery;
        private float[] chunkScores;

        TenantSearcher(TenantVectors vectors) {
            this.vectors = vectors;
        }

        @Override
        public List<ChunkMatch> nearest(float[] query, int limit) {
            float[] scores = chunkScores(query);
            Rows rows = vectors.chunks();
            List<ChunkMatch> matches = new ArrayList<>();
            for (int row : TopRows.of(scores, limit)) {
                matches.add(rows.match(row, scores[row]));
            }
            return matches;
        }

        @Override
        public Map<UUID, ChunkMatch> closestRows(float[] query, Collection<UUID> shardIds) {
            float[] scores = chunkScores(query);
            int dim = vectors.dimensions();
            Rows sentences = vectors.sentences();
            float[] sentenceVectors = sentences.vectors();
            Map<UUID, ChunkMatch> closest = new HashMap<>();
            for (UUID shardId : shardIds) {
                int[] range = vectors.shardRows().get(shardId);
                if (range == null) {
                    continue;
                }
                int bestChunk = -1;
                for (int row = range[0]; row < range[2]; row++) {
                    if (bestChunk < 0 || scores[row] > scores[bestChunk]) {
                        bestChunk = row;
                    }
                }
                int bestSentence = -1;
                float bestSentenceScore = Float.NEGATIVE_INFINITY;
                for (int row = range[1]; row < range[3]; row++) {
                    float score = dotProduct.dot(sentenceVectors, row * dim, query);
                    if (bestSentence < 0 || score > bestSentenceScore) {
                        bestSentence = row;
                        bestSentenceScore = score;
                    }
                }
                if (bestSentence >= 0 && (bestChunk < 0 || bestSentenceScore > scores[bestChunk])) {
                    closest.put(shardId, sentences.match(bestSentence, bestSentenceScore));
                } else if (bestChunk >= 0) {
                    closest.put(shardId, vectors.chunks().match(bestChunk, scores[bestChunk]));
                }
            }
            return closest;
        }

        @Override
        public float[] meanDirection() {
            return vectors.meanDirection();
        }

        /** Every chunk row's similarity to {@code query}, computed on the first call for that query. */
        private float[] chunkScores(float[] query) {
            int dim = vectors.dimensions();
            if (query.length != dim) {
                throw new IllegalArgumentException("A query of " + query.length + " dimensions against vectors of " + dim);
            }
            if (chunkScores == null || !Arrays.equals(query, scoredQuery)) {
                float[] flat = vectors.chunks().vectors();
                float[] scores = new float[vectors.chunks().size()];
                for (int row = 0; row < scores.length; row++) {
                    scores[row] = dotProduct.dot(flat, row * dim, query);
                }
                scoredQuery = query.clone();
                chunkScores = scores;
            }
            return chunkScores;
        }
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

    /** Reads the tenant's vectors straight into flat arrays of unit vectors, growing them as rows arrive. */
    private TenantVectors load(UUID tenantId, long generation) {
        long started = System.nanoTime();
        int dim = EmbeddingConfiguration.DIMENSIONS;
        RowsBuilder chunkRows = new RowsBuilder(dim);
        RowsBuilder sentenceRows = new RowsBuilder(dim);
        Map<UUID, int[]> shardRows = new HashMap<>();
        float[] sum = new float[dim];
        chunks.forEachVector(tenantId, (shardId, chunkNo, sentence, vector) -> {
            // {chunks from, sentences from, chunks to, sentences to}
            int[] range = shardRows.computeIfAbsent(shardId, id -> new int[] {chunkRows.size(), sentenceRows.size(), chunkRows.size(), sentenceRows.size()});
            float[] unit = Vectors.normalized(vector);
            (sentence ? sentenceRows : chunkRows).add(shardId, chunkNo, unit);
            range[sentence ? 3 : 2]++;
            for (int i = 0; i < Math.min(dim, unit.length); i++) {
                sum[i] += unit[i];
            }
        });
        boolean empty = chunkRows.size() + sentenceRows.size() == 0;
        log.info("Loaded the vectors of tenant {} (generation {}): {} chunk and {} sentence rows in {} ms", tenantId, generation,
                chunkRows.size(), sentenceRows.size(), (System.nanoTime() - started) / 1_000_000);
        return new TenantVectors(generation, chunkRows.build(), sentenceRows.build(), shardRows, dim, empty ? null : Vectors.normalized(sum));
    }

    /** Rows of one kind as they are read. */
    private static final class RowsBuilder {

        private final int dim;
        private final List<UUID> shardIds = new ArrayList<>();
        private int[] chunkNos = new int[1_024];
        private float[] vectors;

        RowsBuilder(int dim) {
            this.dim = dim;
            this.vectors = new float[1_024 * dim];
        }

        int size() {
            return shardIds.size();
        }

        void add(UUID shardId, int chunkNo, float[] unit) {
            int row = shardIds.size();
            if (row == chunkNos.length) {
                chunkNos = Arrays.copyOf(chunkNos, row * 2);
                vectors = Arrays.copyOf(vectors, row * 2 * dim);
            }
            shardIds.add(shardId);
            chunkNos[row] = chunkNo;
            System.arraycopy(unit, 0, vectors, row * dim, Math.min(dim, unit.length));
        }

        Rows build() {
            int rows = shardIds.size();
            return new Rows(shardIds.toArray(UUID[]::new), Arrays.copyOf(chunkNos, rows), Arrays.copyOf(vectors, rows * dim));
        }
    }
}
