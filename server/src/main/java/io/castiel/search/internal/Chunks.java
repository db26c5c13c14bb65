package io.castiel.search.internal;

import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stored chunks of each shard with their embeddings, and per shard the hash of the text they
 * were made from. Besides its chunks, a shard may have sentence rows ({@code sentence_of} names
 * their chunk): searched like chunks, shown as their chunk's text. The embedding column is {@code real[]} or, where V16 set up pgvector,
 * {@code vector(384)}; both accept a vector written as text through the matching cast, and both
 * read back as {@code real[]}.
 */
@Repository
public class Chunks {

    /**
     * A row of a shard's vectors: a chunk ({@code sentenceOf} null) or one sentence of the chunk
     * numbered {@code sentenceOf}. {@code chunkNo} numbers all the shard's rows.
     */
    public record Chunk(int chunkNo, Integer sentenceOf, String content, float[] vector) {
    }

    /** Changes to a tenant's vectors recorded for nodes that hold them in memory (V25). */
    static final int KEPT_CHANGES = 10_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final DataSource dataSource;
    private volatile Boolean pgvector;

    Chunks(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource) {
        this.jdbc = jdbc;
        this.template = template;
        this.dataSource = dataSource;
    }

    /** Whether the embedding column is pgvector's {@code vector} (V16 found the extension). */
    public boolean pgvector() {
        Boolean known = pgvector;
        if (known == null) {
            known = JdbcClient.create(dataSource).sql("""
                    select format_type(atttypid, atttypmod) like 'vector%' from pg_attribute
                    where attrelid = 'shard_chunks'::regclass and attname = 'embedding'""").query(Boolean.class).single();
            pgvector = known;
        }
        return known;
    }

    public Optional<String> contentHash(UUID tenantId, UUID shardId) {
        return jdbc.sql("select content_hash from shard_embeddings where tenant_id = ? and shard_id = ?").params(tenantId, shardId)
                .query(String.class).optional();
    }

    /** Replaces the shard's chunks; one writer per shard at a time (the row lock on its hash). */
    public void replace(UUID tenantId, UUID shardId, String contentHash, String model, List<Chunk> chunks) {
        jdbc.sql("""
                insert into shard_embeddings (tenant_id, shard_id, content_hash, model, chunks, embedded_at) values (?, ?, ?, ?, ?, now())
                on conflict (tenant_id, shard_id) do update set content_hash = excluded.content_hash, model = excluded.model,
                    chunks = excluded.chunks, embedded_at = excluded.embedded_at""")
                .params(tenantId, shardId, contentHash, model, chunks.stream().filter(c -> c.sentenceOf() == null).count()).update();
        jdbc.sql("delete from shard_chunks where tenant_id = ? and shard_id = ?").params(tenantId, shardId).update();
        boolean vector = pgvector();
        template.batchUpdate("insert into shard_chunks (tenant_id, shard_id, chunk_no, sentence_of, content, embedding) values (?, ?, ?, ?, ?, cast(? as "
                + (vector ? "vector" : "real[]") + "))",
                chunks.stream().map(c -> new Object[] {tenantId, shardId, c.chunkNo(), c.sentenceOf(), c.content(), literal(c.vector(), vector)})
                        .toList());
        bump(tenantId, shardId);
    }

    /** Forgets a shard's chunks; whether there were any. */
    public boolean remove(UUID tenantId, UUID shardId) {
        jdbc.sql("delete from shard_embeddings where tenant_id = ? and shard_id = ?").params(tenantId, shardId).update();
        boolean removed = jdbc.sql("delete from shard_chunks where tenant_id = ? and shard_id = ?").params(tenantId, shardId).update() > 0;
        if (removed) {
            bump(tenantId, shardId);
        }
        return removed;
    }

    /** The shards of the tenant that have stored chunks. */
    public List<UUID> embeddedShards(UUID tenantId) {
        return jdbc.sql("select shard_id from shard_embeddings where tenant_id = ?").param(tenantId).query(UUID.class).list();
    }

    /** The tenant's current generation: changes with every change to its chunks. */
    public long generation(UUID tenantId) {
        return jdbc.sql("select generation from vector_generations where tenant_id = ?").param(tenantId).query(Long.class).optional()
                .orElse(0L);
    }

    /** Every vector of the tenant, for the in-memory index, a shard's rows one after another. */
    public void forEachVector(UUID tenantId, VectorSink sink) {
        forEachVector(tenantId, null, sink);
    }

    /** As {@link #forEachVector(UUID, VectorSink)}, for the rows of {@code shardIds} only (all with null). */
    public void forEachVector(UUID tenantId, Collection<UUID> shardIds, VectorSink sink) {
        // Streamed in pages (inside the tenant's transaction): a large tenant's vectors are several
        // KB a row, and the driver otherwise holds every row at once. In primary-key order: a
        // shard's rows arrive together. In the binary format of the column's type (array_send,
        // pgvector's vector_send): as text, parsing 384 decimal numbers a row took 25 s for 180k
        // rows. And in binary transfer (prepare threshold -1): the driver otherwise asks for text,
        // in which a bytea is hex, twice its size, decoded a character pair at a time.
        if (shardIds != null && shardIds.isEmpty()) {
            return;
        }
        boolean vector = pgvector();
        String sql = """
                select shard_id, chunk_no, sentence_of is not null as sentence, %s(embedding) as embedding
                from shard_chunks where tenant_id = ?%s order by shard_id, chunk_no"""
                .formatted(vector ? "vector_send" : "array_send", shardIds == null ? "" : " and shard_id = any(?)");
        template.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
            statement.setFetchSize(1_000);
            statement.setObject(1, tenantId);
            if (shardIds != null) {
                statement.setArray(2, connection.createArrayOf("uuid", shardIds.toArray()));
            }
            return statement;
        }, (ResultSet rs) -> {
            byte[] bytes = rs.getBytes("embedding");
            sink.accept(rs.getObject("shard_id", UUID.class), rs.getInt("chunk_no"), rs.getBoolean("sentence"),
                    vector ? binaryVector(bytes) : binaryFloats(bytes));
        });
    }

    /** The vectors of one shard's chunks (not of their sentences). */
    public List<float[]> vectors(UUID tenantId, UUID shardId) {
        return jdbc.sql("""
                select embedding::real[] as embedding from shard_chunks
                where tenant_id = ? and shard_id = ? and sentence_of is null order by chunk_no""")
                .params(tenantId, shardId).query((rs, n) -> floats(rs.getArray("embedding"))).list();
    }

    /**
     * The text of the given chunks, keyed {@code shardId:chunkNo}; a sentence row's is its chunk's:
     * the passage around the sentence that matched.
     */
    public Map<String, String> contents(UUID tenantId, Collection<ChunkMatch> matches) {
        Map<String, String> contents = new HashMap<>();
        if (matches.isEmpty()) {
            return contents;
        }
        // The matched rows only: a shard has a row per sentence too, dozens for a long note.
        List<Object> params = new ArrayList<>();
        params.add(tenantId);
        StringBuilder rows = new StringBuilder();
        for (ChunkMatch match : matches) {
            rows.append(rows.isEmpty() ? "" : ", ").append("(?::uuid, ?::integer)");
            params.add(match.shardId());
            params.add(match.chunkNo());
        }
        jdbc.sql("""
                select c.shard_id, c.chunk_no, coalesce(p.content, c.content) as content
                from shard_chunks c
                left join shard_chunks p on p.tenant_id = c.tenant_id and p.shard_id = c.shard_id and p.chunk_no = c.sentence_of
                where c.tenant_id = ? and (c.shard_id, c.chunk_no) in (%s)""".formatted(rows))
                .params(params)
                .query(rs -> {
                    contents.put(key(rs.getObject("shard_id", UUID.class), rs.getInt("chunk_no")), rs.getString("content"));
                });
        return contents;
    }

    /**
     * The mean of up to {@code sample} of the tenant's stored vectors (pgvector's {@code avg}), or
     * null without pgvector or vectors. A sample: the mean of a few thousand vectors points where
     * the mean of a million does, and reading a million costs seconds. Needs the tenant's transaction.
     */
    public float[] meanVector(UUID tenantId, int sample) {
        if (!pgvector()) {
            return null;
        }
        return jdbc.sql("select avg(embedding)::real[] as mean from (select embedding from shard_chunks where tenant_id = ? limit ?) sampled")
                .params(tenantId, sample)
                .query((rs, n) -> rs.getArray("mean") == null ? null : floats(rs.getArray("mean"))).optional().orElse(null);
    }

    public static String key(UUID shardId, int chunkNo) {
        return shardId + ":" + chunkNo;
    }

    /** Receives the vectors of a tenant one at a time. */
    @FunctionalInterface
    public interface VectorSink {
        void accept(UUID shardId, int chunkNo, boolean sentence, float[] vector);
    }

    /**
     * A new generation of the tenant's vectors, and which shard it changed. The generation row stays
     * locked until the transaction ends, so generations commit in their order: a reader that sees
     * generation g sees every change up to g.
     */
    private void bump(UUID tenantId, UUID shardId) {
        jdbc.sql("""
                with bumped as (
                    insert into vector_generations (tenant_id, generation) values (:tenant, 1)
                    on conflict (tenant_id) do update set generation = vector_generations.generation + 1
                    returning generation
                ), logged as (
                    insert into vector_changes (tenant_id, generation, shard_id) select :tenant, generation, :shard from bumped
                )
                delete from vector_changes where tenant_id = :tenant and generation = (select generation - :kept from bumped)""")
                .param("tenant", tenantId).param("shard", shardId).param("kept", KEPT_CHANGES).update();
    }

    /**
     * The shards whose vectors changed after generation {@code after} up to {@code upTo}, or empty
     * when those changes are no longer all recorded (only the last {@value #KEPT_CHANGES} are).
     */
    public Optional<Set<UUID>> changedShards(UUID tenantId, long after, long upTo) {
        if (upTo < after || upTo - after > KEPT_CHANGES) {
            return Optional.empty();
        }
        List<UUID> changed = jdbc.sql("select shard_id from vector_changes where tenant_id = ? and generation > ? and generation <= ?")
                .params(tenantId, after, upTo).query(UUID.class).list();
        return changed.size() == upTo - after ? Optional.of(new HashSet<>(changed)) : Optional.empty();
    }

    static String literal(float[] vector, boolean pgvector) {
        StringBuilder text = new StringBuilder(vector.length * 12).append(pgvector ? '[' : '{');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(vector[i]);
        }
        return text.append(pgvector ? ']' : '}').toString();
    }

    /**
     * A one-dimensional {@code real[]} in PostgreSQL's binary format: dimensions, a null flag, the
     * element type, then per dimension its length and lower bound; then per element its byte
     * length (-1 for null) and the big-endian float.
     */
    static float[] binaryFloats(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int dimensions = in.getInt();
        if (dimensions == 0) {
            return new float[0];
        }
        if (dimensions != 1) {
            throw new IllegalStateException("a vector has one dimension, not " + dimensions);
        }
        in.getInt();
        in.getInt();
        float[] vector = new float[in.getInt()];
        in.getInt();
        for (int i = 0; i < vector.length; i++) {
            int length = in.getInt();
            vector[i] = length < 0 ? 0 : in.getFloat();
        }
        return vector;
    }

    /** A pgvector {@code vector} in its binary format: dimensions and an unused short, then the big-endian floats. */
    static float[] binaryVector(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        float[] vector = new float[in.getShort()];
        in.getShort();
        in.asFloatBuffer().get(vector);
        return vector;
    }

    private static float[] floats(Array array) throws SQLException {
        Object values = array.getArray();
        if (values instanceof Float[] boxed) {
            float[] vector = new float[boxed.length];
            for (int i = 0; i < boxed.length; i++) {
                vector[i] = boxed[i];
            }
            return vector;
        }
        if (values instanceof float[] primitive) {
            return primitive;
        }
        Number[] numbers = (Number[]) values;
        float[] vector = new float[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            vector[i] = numbers[i].floatValue();
        }
        return vector;
    }
}
