package io.castiel.search.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.postgresql.util.PGobject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * pgvector's HNSW index (cosine distance, {@code <=>}). The index spans all tenants; Row-Level
 * Security and the tenant condition filter what it yields, and iterative scans (pgvector 0.8) keep
 * reading the graph until enough of the tenant's rows came through, so a small tenant among large
 * ones still gets its full {@code limit}. Relaxed order lets results come slightly out of order,
 * hence the final sort. A tenant's mean vector direction (for the hubness correction) is averaged
 * over a sample of its rows and kept for a minute: it moves little as a corpus grows.
 */
@Component
class PgVectorIndex implements VectorIndex {

    /** A tenant's mean direction, or none (a tenant without vectors). */
    private record Mean(float[] direction) {
    }

    /** Vectors averaged for a tenant's mean direction. */
    private static final int MEAN_SAMPLE = 5_000;

    private final JdbcClient jdbc;
    private final Chunks chunks;
    private final AiProperties properties;
    private final Cache<UUID, Mean> means = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    PgVectorIndex(JdbcClient jdbc, Chunks chunks, AiProperties properties) {
        this.jdbc = jdbc;
        this.chunks = chunks;
        this.properties = properties;
    }

    @Override
    public Searcher searcher(UUID tenantId) {
        return new Searcher() {

            @Override
            public List<ChunkMatch> nearest(float[] query, int limit) {
                return PgVectorIndex.this.nearest(tenantId, query, limit);
            }

            @Override
            public Map<UUID, ChunkMatch> closestSentences(float[] query, Collection<UUID> shardIds) {
                return PgVectorIndex.this.closestSentences(tenantId, query, shardIds);
            }

            @Override
            public float[] meanDirection() {
                return PgVectorIndex.this.meanDirection(tenantId);
            }
        };
    }

    private float[] meanDirection(UUID tenantId) {
        return means.get(tenantId, id -> {
            float[] mean = chunks.meanVector(id, MEAN_SAMPLE);
            return new Mean(mean == null ? null : Vectors.normalized(mean));
        }).direction();
    }

    /**
     * The query vector as a parameter of type {@code vector}: written {@code cast(? as vector)}, it
     * was text, and once the driver's prepared statement got PostgreSQL's generic plan the cast
     * (parsing 384 numbers) ran for every row, in the select list and the sort: 1-2 s for the
     * ~2,500 rows of 70 shards' sentences, and ~20 ms of the HNSW search's 200 rows.
     */
    private static PGobject vector(float[] query) {
        try {
            PGobject vector = new PGobject();
            vector.setType("vector");
            vector.setValue(Chunks.literal(query, true));
            return vector;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String kind() {
        return "pgvector";
    }

    private List<ChunkMatch> nearest(UUID tenantId, float[] query, int limit) {
        int efSearch = Math.min(1_000, Math.max(properties.index().efSearch(), limit));
        jdbc.sql("select set_config('hnsw.ef_search', ?, true), set_config('hnsw.iterative_scan', 'relaxed_order', true)")
                .param(String.valueOf(efSearch)).query((rs, n) -> 1).list();
        // The distance selected is the very expression ordered by, so each row computes it once
        // (written as 1 - distance in the select list, it was a second expression, computed again).
        List<ChunkMatch> matches = new ArrayList<>(jdbc.sql("""
                select shard_id, chunk_no, embedding <=> :q as distance
                from shard_chunks
                where tenant_id = :tenant and sentence_of is null
                order by embedding <=> :q
                limit :limit""")
                .param("q", vector(query)).param("tenant", tenantId).param("limit", limit)
                .query((rs, n) -> new ChunkMatch(rs.getObject("shard_id", UUID.class), rs.getInt("chunk_no"), 1 - rs.getDouble("distance")))
                .list());
        matches.sort(Comparator.comparingDouble(ChunkMatch::similarity).reversed());
        return matches;
    }

    private Map<UUID, ChunkMatch> closestSentences(UUID tenantId, float[] query, Collection<UUID> shardIds) {
        Map<UUID, ChunkMatch> closest = new HashMap<>();
        if (shardIds.isEmpty()) {
            return closest;
        }
        // The found shards' sentence rows (a few thousand: 160 shards' sentences) with their
        // distances computed in the database, and only each shard's closest row sent back. Chunk
        // rows are skipped: stage 1 already gave each shard its closest chunk, and with their
        // vectors out of line (TOAST, rows written before V28) reading them again cost as much as
        // all the sentences (bench/README.md, issue 6). The
        // materialized scan computes each distance once (ordered by it directly, the select list
        // and the sort each computed it); the ids go as one array, so one prepared statement serves
        // every count of them.
        jdbc.sql("""
                with found as materialized (
                    select shard_id, chunk_no, embedding <=> :q as distance
                    from shard_chunks
                    where tenant_id = :tenant and shard_id = any(cast(:ids as uuid[])) and sentence_of is not null)
                select distinct on (shard_id) shard_id, chunk_no, 1 - distance as similarity
                from found
                order by shard_id, distance""")
                .param("q", vector(query)).param("tenant", tenantId)
                .param("ids", shardIds.stream().map(UUID::toString).toArray(String[]::new))
                .query(rs -> {
                    UUID shardId = rs.getObject("shard_id", UUID.class);
                    closest.put(shardId, new ChunkMatch(shardId, rs.getInt("chunk_no"), rs.getDouble("similarity")));
                });
        return closest;
    }
}
