package io.castiel.shard.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.castiel.shard.Direction;
import io.castiel.shard.Graph;
import io.castiel.shard.Relationship;
import io.castiel.shard.Shard;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Edges between shards, and the graph walk over them. */
@Repository
public class Relationships {

    private static final String COLUMNS = "r.id, r.source_id, r.target_id, r.type, r.properties::text as properties, r.created_by, r.created_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Shards shards;

    Relationships(JdbcClient jdbc, JsonMapper json, Shards shards) {
        this.jdbc = jdbc;
        this.json = json;
        this.shards = shards;
    }

    /** Inserts unless the same (source, target, type) exists; returns whether it was inserted. */
    public boolean insert(UUID tenantId, Relationship r) {
        return jdbc.sql("""
                insert into relationships (tenant_id, id, source_id, target_id, type, properties, created_by, created_at)
                values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)
                on conflict (tenant_id, source_id, target_id, type) do nothing""")
                .params(tenantId, r.id(), r.sourceId(), r.targetId(), r.type(), r.properties().toString(), r.createdBy(),
                        Timestamp.from(r.createdAt()))
                .update() == 1;
    }

    public Optional<Relationship> find(UUID tenantId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from relationships r where r.tenant_id = ? and r.id = ?").params(tenantId, id)
                .query(this::map).optional();
    }

    public void delete(UUID tenantId, UUID id) {
        jdbc.sql("delete from relationships where tenant_id = ? and id = ?").params(tenantId, id).update();
    }

    /**
     * A page of a shard's edges to live shards that pass {@code readable} (on alias {@code o}),
     * ordered by id (time-ordered UUIDv7), after {@code after} if given.
     */
    public List<Relationship> of(UUID tenantId, UUID shardId, Direction direction, String type, UUID after, int limit,
            ReadFilter readable) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", tenantId);
        params.put("shard", shardId);
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from relationships r where r.tenant_id = :tenant and ");
        sql.append(switch (direction) {
            case OUT -> "r.source_id = :shard";
            case IN -> "r.target_id = :shard";
            case BOTH -> "(r.source_id = :shard or r.target_id = :shard)";
        });
        // An edge to a deleted shard is hidden with it, as the graph walk does.
        sql.append(" and exists (select 1 from shards o where o.tenant_id = :tenant and o.status <> 'deleted'")
                .append(" and o.id = case when r.source_id = :shard then r.target_id else r.source_id end")
                .append(readable.sql()).append(')');
        params.putAll(readable.params());
        if (type != null) {
            sql.append(" and r.type = :type");
            params.put("type", type);
        }
        if (after != null) {
            sql.append(" and r.id > :after");
            params.put("after", after);
        }
        sql.append(" order by r.id limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    /**
     * The edges of many shards at once, one statement: for each anchor among {@code shardIds}
     * that passes {@code readable}, its edges in {@code direction} (optionally of one type) to
     * live shards that pass {@code readable}, the first {@code perShard} by id. Both ends go
     * through the filter, which names its alias {@code a} (the anchor) and {@code s} (the other end).
     */
    public Map<UUID, List<Relationship>> ofAll(UUID tenantId, Collection<UUID> shardIds, Direction direction, String type, int perShard,
            ReadFilter readableAnchor, ReadFilter readableOther) {
        if (shardIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        String join = neighbours(tenantId, shardIds, direction, type, readableAnchor, readableOther, params);
        String sql = "select * from (select a.id as anchor, " + COLUMNS
                + ", row_number() over (partition by a.id order by r.id) as position " + join + ") x where position <= :per_shard"
                + " order by anchor, id";
        params.put("per_shard", perShard);
        Map<UUID, List<Relationship>> byShard = new LinkedHashMap<>();
        jdbc.sql(sql).params(params).query(rs -> {
            byShard.computeIfAbsent(rs.getObject("anchor", UUID.class), k -> new ArrayList<>()).add(map(rs, 0));
        });
        return byShard;
    }

    /**
     * The shards at the other end of many shards' edges at once, one statement, each neighbour
     * once per anchor however many edges lead to it, the first {@code perShard} by id. Same
     * filtering as {@link #ofAll}.
     */
    public Map<UUID, List<Shard>> neighboursOfAll(UUID tenantId, Collection<UUID> shardIds, Direction direction, String type,
            int perShard, ReadFilter readableAnchor, ReadFilter readableOther) {
        if (shardIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        String join = neighbours(tenantId, shardIds, direction, type, readableAnchor, readableOther, params);
        String sql = "select * from (select d.*, row_number() over (partition by anchor order by id) as position from ("
                + "select distinct on (a.id, s.id) a.id as anchor, " + Shards.COLUMNS + " " + join + " order by a.id, s.id) d) x"
                + " where position <= :per_shard order by anchor, id";
        params.put("per_shard", perShard);
        Map<UUID, List<Shard>> byShard = new LinkedHashMap<>();
        jdbc.sql(sql).params(params).query(rs -> {
            byShard.computeIfAbsent(rs.getObject("anchor", UUID.class), k -> new ArrayList<>()).add(shards.map(rs, 0));
        });
        return byShard;
    }

    /** The {@code from ... where ...} shared by the two batch reads: anchors {@code a}, edges {@code r}, other ends {@code s}. */
    private static String neighbours(UUID tenantId, Collection<UUID> shardIds, Direction direction, String type,
            ReadFilter readableAnchor, ReadFilter readableOther, Map<String, Object> params) {
        params.put("tenant", tenantId);
        params.put("ids", List.copyOf(shardIds));
        params.putAll(readableAnchor.params());
        params.putAll(readableOther.params());
        StringBuilder sql = new StringBuilder("from shards a join relationships r on r.tenant_id = :tenant and ");
        sql.append(switch (direction) {
            case OUT -> "r.source_id = a.id";
            case IN -> "r.target_id = a.id";
            case BOTH -> "(r.source_id = a.id or r.target_id = a.id)";
        });
        if (type != null) {
            sql.append(" and r.type = :type");
            params.put("type", type);
        }
        sql.append(" join shards s on s.tenant_id = :tenant and s.id = case when r.source_id = a.id then r.target_id else r.source_id end")
                .append(" and s.status <> 'deleted'").append(readableOther.sql())
                .append(" where a.tenant_id = :tenant and a.id in (:ids) and a.status <> 'deleted'").append(readableAnchor.sql());
        return sql.toString();
    }

    /**
     * Walks the graph from {@code root} up to {@code depth} hops in one recursive query. The walk
     * keeps (node, hops) pairs with UNION, so a cycle revisits a node at most once per depth and
     * the work is bounded by nodes x depth, not by the number of paths. Deleted shards and those
     * failing {@code readable} (on alias {@code n}) are neither returned nor walked through. The
     * edges returned are those of the allowed types between reached shards.
     */
    public Graph walk(UUID tenantId, UUID root, int depth, Direction direction, List<String> types, ReadFilter readable) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", tenantId);
        params.put("root", root);
        params.put("depth", depth);
        String typeFilter = "";
        if (types != null && !types.isEmpty()) {
            typeFilter = " and r.type in (:types)";
            params.put("types", types);
        }
        String step = switch (direction) {
            case OUT -> "r.source_id = w.node_id";
            case IN -> "r.target_id = w.node_id";
            case BOTH -> "(r.source_id = w.node_id or r.target_id = w.node_id)";
        };
        String sql = """
                with recursive walk(node_id, hops) as (
                    select cast(:root as uuid), 0
                    union
                    select case when r.source_id = w.node_id then r.target_id else r.source_id end, w.hops + 1
                    from walk w
                    join relationships r on r.tenant_id = :tenant and %s %s
                    join shards n on n.tenant_id = :tenant
                                 and n.id = case when r.source_id = w.node_id then r.target_id else r.source_id end
                                 and n.status <> 'deleted' %s
                    where w.hops < :depth
                ),
                reached as (select node_id, min(hops) as hops from walk group by node_id)
                select 'node' as kind, %s, null::uuid as rel_id, null::uuid as source_id, null::uuid as target_id,
                       null::text as rel_type, null::text as properties, null::uuid as rel_created_by,
                       null::timestamptz as rel_created_at, reached.hops
                from reached join shards s on s.tenant_id = :tenant and s.id = reached.node_id
                union all
                -- one null per column of Shards.COLUMNS
                select 'edge', null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                       r.id, r.source_id, r.target_id, r.type, r.properties::text, r.created_by, r.created_at, null
                from relationships r
                where r.tenant_id = :tenant %s
                  and r.source_id in (select node_id from reached) and r.target_id in (select node_id from reached)
                """.formatted(step, typeFilter, readable.sql(), Shards.COLUMNS, typeFilter);
        params.putAll(readable.params());
        List<Shard> nodes = new ArrayList<>();
        List<Relationship> edges = new ArrayList<>();
        jdbc.sql(sql).params(params).query(rs -> {
            if ("node".equals(rs.getString("kind"))) {
                nodes.add(shards.map(rs, 0));
            } else {
                edges.add(new Relationship(rs.getObject("rel_id", UUID.class), rs.getObject("source_id", UUID.class),
                        rs.getObject("target_id", UUID.class), rs.getString("rel_type"), json.readTree(rs.getString("properties")),
                        rs.getObject("rel_created_by", UUID.class), rs.getTimestamp("rel_created_at").toInstant()));
            }
        });
        return new Graph(nodes, edges);
    }

    private Relationship map(ResultSet rs, int row) throws SQLException {
        JsonNode properties = json.readTree(rs.getString("properties"));
        return new Relationship(rs.getObject("id", UUID.class), rs.getObject("source_id", UUID.class),
                rs.getObject("target_id", UUID.class), rs.getString("type"), properties, rs.getObject("created_by", UUID.class),
                rs.getTimestamp("created_at").toInstant());
    }
}
