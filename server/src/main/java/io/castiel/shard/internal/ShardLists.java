package io.castiel.shard.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.castiel.platform.ApiException;
import io.castiel.platform.Cursors;
import io.castiel.platform.Page;
import io.castiel.platform.PageRequest;
import io.castiel.shard.Shard;
import io.castiel.shard.ShardQuery;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shard list of {@code GET /shards} (and GraphQL's connection): one query from the filters,
 * order and page of a {@link ShardQuery}, keyset-paged by the sort key and the id. A cursor
 * carries the last row's key and id, the sort and a fingerprint of the filters, so it continues
 * only the query it came from.
 */
@Repository
public class ShardLists {

    private static final Set<String> STATUSES = Set.of("active", "archived", "draft", "deleted");

    /** A listed shard with the cursor that continues the list after it, when one was asked for. */
    public record Row(Shard shard, String cursor) {
    }

    /** A row as read, with the text of its sort key for the next cursor. */
    private record Listed(Shard shard, String sortKey) {
    }

    private final JdbcClient jdbc;
    private final Shards shards;
    private final Cursors cursors;

    ShardLists(JdbcClient jdbc, Shards shards, Cursors cursors) {
        this.jdbc = jdbc;
        this.shards = shards;
        this.cursors = cursors;
    }

    /**
     * One page of the tenant's shards that match {@code query} and pass {@code readable} (on alias
     * {@code s}). The last row carries the cursor of the next page when there is one; with
     * {@code everyCursor}, every row carries its own. A bad filter, sort or cursor is a 400.
     */
    public Page<Row> page(UUID tenantId, ShardQuery query, ReadFilter readable, boolean everyCursor) {
        PageRequest page = PageRequest.of(query.limit(), query.cursor());
        ShardSort sort = ShardSort.parse(query.sort());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", tenantId);
        StringBuilder sql = new StringBuilder("select ").append(Shards.COLUMNS).append(", (").append(sort.expression())
                .append(")::text as sort_key from shards s where s.tenant_id = :tenant");
        if (query.type() != null) {
            if (!ShardTypes.NAME.matcher(query.type()).matches()) {
                throw ApiException.badRequest("type must be a shard type name", "/type");
            }
            sql.append(" and s.shard_type = :type");
            params.put("type", query.type());
        }
        if (query.status() == null) {
            sql.append(" and s.status <> 'deleted'");
        } else {
            if (!STATUSES.contains(query.status())) {
                throw ApiException.badRequest("status must be one of active, archived, draft, deleted", "/status");
            }
            sql.append(" and s.status = :status");
            params.put("status", query.status());
        }
        if (query.tag() != null) {
            sql.append(" and s.metadata -> 'tags' @> cast(:tag as jsonb)");
            params.put("tag", JsonNodeFactory.instance.arrayNode().add(query.tag()).toString());
        }
        if (query.q() != null && !query.q().isBlank()) {
            if (query.q().length() > 500) {
                throw ApiException.badRequest("q must have at most 500 characters", "/q");
            }
            sql.append(" and s.search @@ websearch_to_tsquery('english', :q)");
            params.put("q", query.q());
        }
        List<String> where = query.where() == null ? List.of() : query.where();
        if (where.size() > 20) {
            throw ApiException.badRequest("At most 20 where filters", "/where");
        }
        for (int i = 0; i < where.size(); i++) {
            WhereFilter.append(where.get(i), i, sql, params);
        }
        // Filtered in the query, so pages stay full and cursors stay valid.
        sql.append(readable.sql());
        params.putAll(readable.params());
        String filterHash = fingerprint(query.type() + "|" + query.status() + "|" + query.tag() + "|" + query.q() + "|" + where);
        JsonNode position = cursors.position(page);
        if (position != null) {
            if (!filterHash.equals(position.path("f").asString("")) || !sort.spec().equals(position.path("s").asString(""))) {
                throw ApiException.badRequest("The cursor belongs to a different query; repeat the same filters and sort", "/cursor");
            }
            sql.append(" and (").append(sort.expression()).append(", s.id) ").append(sort.descending() ? "<" : ">")
                    .append(" (cast(:after_key as ").append(sort.cast()).append("), cast(:after_id as uuid))");
            params.put("after_key", position.path("k").asString());
            params.put("after_id", position.path("id").asString());
        }
        String direction = sort.descending() ? " desc" : "";
        sql.append(" order by ").append(sort.expression()).append(direction).append(", s.id").append(direction).append(" limit :limit");
        params.put("limit", page.rowsToFetch());
        List<Listed> rows = run(sql.toString(), params);
        boolean more = rows.size() > page.limit();
        if (more) {
            rows = rows.subList(0, page.limit());
        }
        List<Row> items = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Listed row = rows.get(i);
            boolean last = i == rows.size() - 1;
            items.add(new Row(row.shard(), everyCursor || last && more ? cursor(sort, filterHash, row) : null));
        }
        return new Page<>(items, more ? items.get(items.size() - 1).cursor() : null);
    }

    /**
     * Runs a list query. Its filters' selectivity depends on the values (one industry may match
     * 10 % of a tenant, a name one row), so a plan made for unknown values, which the driver's
     * prepared statements lead PostgreSQL to cache after a few runs, can be a hundred times
     * slower than one made for the values at hand: this transaction always plans afresh.
     */
    private List<Listed> run(String sql, Map<String, Object> params) {
        jdbc.sql("select set_config('plan_cache_mode', 'force_custom_plan', true)").query(String.class).single();
        return jdbc.sql(sql).params(params).query((rs, n) -> new Listed(shards.map(rs, n), rs.getString("sort_key"))).list();
    }

    private String cursor(ShardSort sort, String filterHash, Listed row) {
        ObjectNode position = JsonNodeFactory.instance.objectNode();
        position.put("s", sort.spec()).put("f", filterHash).put("k", row.sortKey()).put("id", row.shard().id().toString());
        return cursors.encode(position);
    }

    private static String fingerprint(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
