package io.castiel.shard.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.castiel.shard.Shard;
import io.castiel.shard.ShardRevision;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shards and their revisions. Every write stores the shard's new state both in {@code shards}
 * and, in the same statement, as a row of {@code shard_revisions}, so any revision can be read
 * back or reverted to.
 */
@Repository
public class Shards {

    public static final String COLUMNS = """
            s.id, s.tenant_id, s.shard_type, s.structured_data::text as structured_data,
            s.unstructured_data::text as unstructured_data, s.metadata::text as metadata, s.status, s.source, s.revision,
            s.acl::text as acl, s.created_by, s.created_at, s.updated_at, s.embedding_status""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;

    Shards(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    public Optional<Shard> find(UUID tenantId, UUID id, boolean forUpdate) {
        return jdbc.sql("select " + COLUMNS + " from shards s where s.tenant_id = ? and s.id = ?" + (forUpdate ? " for update" : ""))
                .params(tenantId, id).query(this::map).optional();
    }

    /**
     * The live (not deleted) shards among {@code ids} that pass {@code readable} (on alias
     * {@code s}): one statement for any number of ids, for callers that resolve many references at once.
     */
    public List<Shard> findLive(UUID tenantId, Collection<UUID> ids, ReadFilter readable) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = new LinkedHashMap<>(readable.params());
        params.put("tenant", tenantId);
        params.put("ids", List.copyOf(ids));
        return jdbc.sql("select " + COLUMNS + " from shards s where s.tenant_id = :tenant and s.id in (:ids) and s.status <> 'deleted'"
                + readable.sql()).params(params).query(this::map).list();
    }

    /** Stores a written shard's state as its revision, in the statement that wrote it. */
    private static final String AS_REVISION = """
            insert into shard_revisions (tenant_id, shard_id, revision, shard_type, structured_data, unstructured_data,
                                         metadata, status, acl, changed_by, changed_at)
            select tenant_id, id, revision, shard_type, structured_data, unstructured_data, metadata, status, acl,
                   cast(? as uuid), updated_at
            from written""";

    /** Inserts shards with their first revisions: one batched statement. */
    public void insert(List<Shard> shards) {
        template.batchUpdate("""
                with written as (
                    insert into shards (tenant_id, id, shard_type, structured_data, unstructured_data, metadata, status, source,
                                        revision, acl, created_by, created_at, updated_at, embedding_status)
                    values (?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?)
                    returning *
                )
                """ + AS_REVISION,
                shards.stream().map(s -> new Object[] {s.tenantId(), s.id(), s.shardType(), text(s.structuredData()),
                        text(s.unstructuredData()), text(s.metadata()), s.status(), s.source(), s.revision(), text(s.acl()),
                        s.createdBy(), Timestamp.from(s.createdAt()), Timestamp.from(s.updatedAt()), s.embeddingStatus(), s.createdBy()}).toList());
    }

    /** Writes a shard's new state and stores it as a revision: one statement. */
    public void update(Shard shard, UUID changedBy) {
        jdbc.sql("""
                with written as (
                    update shards set structured_data = cast(? as jsonb), unstructured_data = cast(? as jsonb),
                           metadata = cast(? as jsonb), status = ?, revision = ?, acl = cast(? as jsonb), updated_at = ?,
                           embedding_status = ?
                    where tenant_id = ? and id = ?
                    returning *
                )
                """ + AS_REVISION)
                .params(text(shard.structuredData()), text(shard.unstructuredData()), text(shard.metadata()), shard.status(),
                        shard.revision(), text(shard.acl()), Timestamp.from(shard.updatedAt()), shard.embeddingStatus(),
                        shard.tenantId(), shard.id(),
                        changedBy)
                .update();
    }

    public void delete(UUID tenantId, UUID id) {
        jdbc.sql("delete from shards where tenant_id = ? and id = ?").params(tenantId, id).update();
    }

    public List<ShardRevision> revisions(UUID tenantId, UUID shardId, Integer before, int limit) {
        return jdbc.sql("""
                select shard_id, revision, shard_type, structured_data::text as structured_data,
                       unstructured_data::text as unstructured_data, metadata::text as metadata, status, acl::text as acl,
                       changed_by, changed_at
                from shard_revisions where tenant_id = ? and shard_id = ? and revision < ?
                order by revision desc limit ?""")
                .params(tenantId, shardId, before == null ? Integer.MAX_VALUE : before, limit)
                .query(this::mapRevision).list();
    }

    public Optional<ShardRevision> revision(UUID tenantId, UUID shardId, int revision) {
        return jdbc.sql("""
                select shard_id, revision, shard_type, structured_data::text as structured_data,
                       unstructured_data::text as unstructured_data, metadata::text as metadata, status, acl::text as acl,
                       changed_by, changed_at
                from shard_revisions where tenant_id = ? and shard_id = ? and revision = ?""")
                .params(tenantId, shardId, revision)
                .query(this::mapRevision).optional();
    }

    public Shard map(ResultSet rs, int row) throws SQLException {
        return new Shard(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getString("shard_type"),
                node(rs.getString("structured_data")), node(rs.getString("unstructured_data")), node(rs.getString("metadata")),
                rs.getString("status"), rs.getString("source"), rs.getInt("revision"), node(rs.getString("acl")),
                rs.getObject("created_by", UUID.class), instant(rs, "created_at"), instant(rs, "updated_at"),
                rs.getString("embedding_status"));
    }

    /**
     * Shards by id, whatever their status, in no particular order (a list's page, the search
     * module's indexing): the ids as one array, so the statement and its plan are the same for any
     * number of them.
     */
    public List<Shard> findAll(UUID tenantId, java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from shards s where s.tenant_id = ? and s.id = any(cast(? as uuid[]))")
                .params(tenantId, ids.toArray(UUID[]::new)).query(this::map).list();
    }

    /**
     * Sets the embedding status of a shard as of {@code revision}; a newer revision (written
     * meanwhile, and embedded in its turn) is left alone.
     */
    public boolean markEmbedding(UUID tenantId, UUID id, int revision, String status) {
        return jdbc.sql("update shards set embedding_status = ? where tenant_id = ? and id = ? and revision = ? and status <> 'deleted'")
                .params(status, tenantId, id, revision).update() > 0;
    }

    /** Marks the live shards of the given types {@code pending} and returns their ids. */
    public List<UUID> markTypesPending(UUID tenantId, List<String> types) {
        return jdbc.sql("""
                update shards set embedding_status = 'pending'
                where tenant_id = :tenant and shard_type in (:types) and status <> 'deleted' returning id""")
                .param("tenant", tenantId).param("types", types).query(UUID.class).list();
    }

    /** Marks the live shards of the given types {@code none} (their types are not embedded) and returns their ids. */
    public List<UUID> markTypesNotEmbedded(UUID tenantId, List<String> types) {
        return jdbc.sql("""
                update shards set embedding_status = 'none'
                where tenant_id = :tenant and shard_type in (:types) and status <> 'deleted' returning id""")
                .param("tenant", tenantId).param("types", types).query(UUID.class).list();
    }

    /**
     * Marks every live shard of the tenant {@code pending} and returns their ids (a reindex); the
     * shards of types that are not embedded are left alone.
     */
    public List<UUID> markAllPending(UUID tenantId) {
        return jdbc.sql("""
                update shards set embedding_status = 'pending' where tenant_id = :tenant and status <> 'deleted'
                and shard_type not in (select name from shard_types where tenant_id = :tenant and not embed) returning id""")
                .param("tenant", tenantId).query(UUID.class).list();
    }

    private ShardRevision mapRevision(ResultSet rs, int row) throws SQLException {
        return new ShardRevision(rs.getObject("shard_id", UUID.class), rs.getInt("revision"), rs.getString("shard_type"),
                node(rs.getString("structured_data")), node(rs.getString("unstructured_data")), node(rs.getString("metadata")),
                rs.getString("status"), node(rs.getString("acl")), rs.getObject("changed_by", UUID.class),
                instant(rs, "changed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private JsonNode node(String text) {
        return text == null ? null : json.readTree(text);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.toString();
    }
}
