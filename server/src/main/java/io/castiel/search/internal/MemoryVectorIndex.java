package io.castiel.search.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Exact cosine search in the JVM, for databases without pgvector (embedded mode). A tenant's
 * vectors are loaded on its first search into flat float arrays (384 floats a row, about 1.5 KB),
 * chunks in one and sentences in another, each shard's rows side by side. Every change to a
 * tenant's chunks bumps its generation in {@code vector_generations} and records the shard it
 * changed in {@code vector_changes}; each search reads the generation (one primary-key lookup),
 * and when it moved, reads the rows of the shards changed since and patches the held copy, so a
 * change made by any node is seen by the next search on every node. The cache is bounded by the total number of rows held
 * ({@code castiel.ai.index.memory-max-chunks}); the least recently used tenants go first.
 */
@Component
class MemoryVectorIndex implements VectorIndex {

    /**
     * One tenant's rows as of {@code generation}. Chunk {@code i} is
     * {@code chunks[i*dim .. (i+1)*dim)}, sentence {@code j} likewise in {@code sentences}; a
     * shard's chunks are {@code [from[0], to[0])}, its sentences {@code [from[1], to[1])}.
     * {@code sum} is the sum of the live rows, for the mean direction.
     */
    private record TenantVectors(long generation, Rows chunks, Rows sentences, Map<UUID, int[]> shardRows, int dimensions, double[] sum,
            float[] meanDirection) {

        long size() {
            return (long) chunks.size() + sentences.size();
        }

        long dead() {
            return (long) chunks.dead().cardinality() + sentences.dead().cardinality();
        }
    }

    /**
     * Rows of one kind: row {@code i < size} is shard {@code shardIds[i]}'s row numbered
     * {@code chunkNos[i]}, unless {@code dead} (its shard changed since it was loaded). The arrays
     * may be longer than {@code size}: a later generation appends there, where this one never reads.
     */
    private record Rows(UUID[] shardIds, int[] chunkNos, float[] vectors, int size, BitSet dead) {

        ChunkMatch match(int row, double similarity) {
            return new ChunkMatch(shardIds[row], chunkNos[row], similarity);
        }
    }

    /** Shards changed at once above which a tenant's vectors are loaded whole rather than patched. */
    private static final int MAX_PATCHED_SHARDS = 2_000;
    /** Dead rows a tenant's vectors may hold before they are loaded afresh, at least (else half the live rows). */
    private static final int MIN_DEAD_RELOADED = 10_000;

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
     * found takes dot products for their sentence rows only (their closest chunk came with the
     * scan). The scan
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
                if (!rows.dead().get(row)) {
                    matches.add(rows.match(row, scores[row]));
                }
            }
            return matches;
        }

        @Override
        public Map<UUID, ChunkMatch> closestSentences(float[] query, Collection<UUID> shardIds) {
            int dim = vectors.dimensions();
            Rows sentences = vectors.sentences();
            float[] sentenceVectors = sentences.vectors();
            Map<UUID, ChunkMatch> closest = new HashMap<>();
            for (UUID shardId : shardIds) {
                int[] range = vectors.shardRows().get(shardId);
                if (range == null) {
                    continue;
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
                if (bestSentence >= 0) {
                    closest.put(shardId, sentences.match(bestSentence, bestSentenceScore));
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
                BitSet dead = vectors.chunks().dead();
                for (int row = dead.nextSetBit(0); row >= 0; row = dead.nextSetBit(row + 1)) {
                    scores[row] = Float.NEGATIVE_INFINITY;
                }
                scoredQuery = query.clone();
                chunkScores = scores;
            }
            return chunkScores;
        }
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
        return cache.asMap().compute(tenantId, (tenant, held) -> held == null ? load(tenant, generation)
                : held.generation() == generation ? held : patch(tenant, held, generation));
    }

    /**
     * The tenant's vectors as of {@code generation}, from {@code held}: the rows of the shards
     * changed since are marked dead and their current rows appended, read from the database; the
     * whole tenant is loaded instead when those changes are no longer recorded, are many, or when
     * dead rows would outnumber half the live ones (and 10,000: a small tenant patches cheaply).
     */
    private TenantVectors patch(UUID tenantId, TenantVectors held, long generation) {
        Optional<Set<UUID>> changed = chunks.changedShards(tenantId, held.generation(), generation);
        if (changed.isEmpty() || changed.get().size() > MAX_PATCHED_SHARDS) {
            return load(tenantId, generation);
        }
        long started = System.nanoTime();
        int dim = held.dimensions();
        Map<UUID, int[]> shardRows = new HashMap<>(held.shardRows());
        BitSet deadChunks = (BitSet) held.chunks().dead().clone();
        BitSet deadSentences = (BitSet) held.sentences().dead().clone();
        double[] sum = held.sum().clone();
        for (UUID shardId : changed.get()) {
            int[] range = shardRows.remove(shardId);
            if (range != null) {
                kill(held.chunks(), range[0], range[2], deadChunks, sum, dim);
                kill(held.sentences(), range[1], range[3], deadSentences, sum, dim);
            }
        }
        long dead = (long) deadChunks.cardinality() + deadSentences.cardinality();
        if (dead > Math.max(MIN_DEAD_RELOADED, (held.size() - dead) / 2)) {
            return load(tenantId, generation);
        }
        RowsBuilder chunkRows = new RowsBuilder(held.chunks(), dim);
        RowsBuilder sentenceRows = new RowsBuilder(held.sentences(), dim);
        chunks.forEachVector(tenantId, changed.get(), (shardId, chunkNo, sentence, vector) -> add(shardRows, chunkRows, sentenceRows, sum,
                shardId, chunkNo, sentence, vector));
        TenantVectors patched = vectors(generation, chunkRows.build(deadChunks), sentenceRows.build(deadSentences), shardRows, dim, sum);
        log.debug("Patched the vectors of tenant {} from generation {} to {}: {} shards changed, {} of {} rows dead, in {} ms", tenantId,
                held.generation(), generation, changed.get().size(), patched.dead(), patched.size(), (System.nanoTime() - started) / 1_000_000);
        return patched;
    }

    /** Marks rows {@code [from, to)} dead and takes them out of the sum. */
    private static void kill(Rows rows, int from, int to, BitSet dead, double[] sum, int dim) {
        for (int row = from; row < to; row++) {
            dead.set(row);
            for (int i = 0; i < dim; i++) {
                sum[i] -= rows.vectors()[row * dim + i];
            }
        }
    }

    /** Reads the tenant's vectors straight into flat arrays of unit vectors, growing them as rows arrive. */
    private TenantVectors load(UUID tenantId, long generation) {
        long started = System.nanoTime();
        int dim = EmbeddingConfiguration.DIMENSIONS;
        RowsBuilder chunkRows = new RowsBuilder(dim);
        RowsBuilder sentenceRows = new RowsBuilder(dim);
        Map<UUID, int[]> shardRows = new HashMap<>();
        double[] sum = new double[dim];
        chunks.forEachVector(tenantId, (shardId, chunkNo, sentence, vector) -> add(shardRows, chunkRows, sentenceRows, sum, shardId, chunkNo,
                sentence, vector));
        log.info("Loaded the vectors of tenant {} (generation {}): {} chunk and {} sentence rows in {} ms", tenantId, generation,
                chunkRows.size(), sentenceRows.size(), (System.nanoTime() - started) / 1_000_000);
        return vectors(generation, chunkRows.trimmed(), sentenceRows.trimmed(), shardRows, dim, sum);
    }

    /** Appends one row read from the database; a shard's rows arrive together. */
    private static void add(Map<UUID, int[]> shardRows, RowsBuilder chunkRows, RowsBuilder sentenceRows, double[] sum, UUID shardId,
            int chunkNo, boolean sentence, float[] vector) {
        // {chunks from, sentences from, chunks to, sentences to}
        int[] range = shardRows.computeIfAbsent(shardId, id -> new int[] {chunkRows.size(), sentenceRows.size(), chunkRows.size(), sentenceRows.size()});
        float[] unit = Vectors.normalized(vector);
        (sentence ? sentenceRows : chunkRows).add(shardId, chunkNo, unit);
        range[sentence ? 3 : 2]++;
        for (int i = 0; i < Math.min(sum.length, unit.length); i++) {
            sum[i] += unit[i];
        }
    }

    private static TenantVectors vectors(long generation, Rows chunkRows, Rows sentenceRows, Map<UUID, int[]> shardRows, int dim, double[] sum) {
        boolean empty = shardRows.isEmpty();
        float[] mean = new float[dim];
        for (int i = 0; i < dim; i++) {
            mean[i] = (float) sum[i];
        }
        return new TenantVectors(generation, chunkRows, sentenceRows, shardRows, dim, sum, empty ? null : Vectors.normalized(mean));
    }

    /**
     * Rows of one kind as they are read, appended after those of an earlier generation: into its
     * arrays while they have room (that generation never reads past its size), into larger copies
     * when they are full.
     */
    private static final class RowsBuilder {

        private final int dim;
        private UUID[] shardIds;
        private int[] chunkNos;
        private float[] vectors;
        private int size;

        RowsBuilder(int dim) {
            this.dim = dim;
            this.shardIds = new UUID[1_024];
            this.chunkNos = new int[1_024];
            this.vectors = new float[1_024 * dim];
        }

        RowsBuilder(Rows after, int dim) {
            this.dim = dim;
            this.shardIds = after.shardIds();
            this.chunkNos = after.chunkNos();
            this.vectors = after.vectors();
            this.size = after.size();
        }

        int size() {
            return size;
        }

        void add(UUID shardId, int chunkNo, float[] unit) {
            if (size == chunkNos.length) {
                int capacity = Math.max(1_024, size * 2);
                shardIds = Arrays.copyOf(shardIds, capacity);
                chunkNos = Arrays.copyOf(chunkNos, capacity);
                vectors = Arrays.copyOf(vectors, capacity * dim);
            }
            shardIds[size] = shardId;
            chunkNos[size] = chunkNo;
            System.arraycopy(unit, 0, vectors, size * dim, Math.min(dim, unit.length));
            size++;
        }

        /** The rows, with {@code dead} ones, in arrays that keep their room to append. */
        Rows build(BitSet dead) {
            return new Rows(shardIds, chunkNos, vectors, size, dead);
        }

        /** A fresh load's rows, in arrays with room for a sixteenth more: doubling as they grew left up to twice the room. */
        Rows trimmed() {
            int capacity = size + size / 16 + 16;
            return new Rows(Arrays.copyOf(shardIds, capacity), Arrays.copyOf(chunkNos, capacity), Arrays.copyOf(vectors, capacity * dim), size,
                    new BitSet());
        }
    }
}
