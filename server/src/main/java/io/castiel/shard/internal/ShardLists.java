package io.castiel.shard.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
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

    private final Shards shards;
    private final Cursors cursors;
    private final ShardColumns columns;
    private final FreshPlans freshPlans;

    ShardLists(JdbcTemplate template, Shards shards, Cursors cursors, ShardColumns columns) {
        this.freshPlans = new FreshPlans(template);
        this.shards = shards;
        this.cursors = cursors;
        this.columns = columns;
    }

    /**
     * One page of the tenant's shards that match {@code query} and pass {@code readable} (on the
     * alias it is given). The last row carries the cursor of the next page when there is one; with
     * {@code everyCursor}, every row carries its own. A bad filter, sort or cursor is a 400.
     */
    public Page<Row> page(UUID tenantId, ShardQuery query, Function<String, ReadFilter> readable, boolean everyCursor) {
        PageRequest page = PageRequest.of(query.limit(), query.cursor());
        Statement statement = statement(tenantId, query, page, readable);
        ShardSort sort = statement.sort();
        String filterHash = statement.filterHash();
        List<Listed> rows = statement.keysOnly() ? runKeys(tenantId, statement) : run(statement.sql(), statement.params());
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
     * The {@code where} conditions on the shards {@code s} of one tenant, as a reader other than the
     * list applies them (search): within one type whose typed columns are filled, those on its
     * fields with a column as a semi-join on the narrow rows, which PostgreSQL has statistics and
     * the declared fields' indexes for, and the others on the jsonb; with no type or no columns,
     * all on the jsonb. Where a column read holds a value of another type in some shard, its
     * conditions stay on the jsonb, which answers for every shard.
     */
    public void appendWhere(UUID tenantId, String type, List<WhereFilter.Condition> conditions, StringBuilder sql,
            Map<String, Object> params) {
        Optional<ShardColumns.Layout> layout = type == null || conditions.isEmpty() ? Optional.empty() : columns.whenReady(tenantId, type);
        Split split = layout.map(typed -> Split.of(typed, conditions, params)).orElse(null);
        if (split == null || split.onColumns().isEmpty() || (split.mask() & layout.get().oddBits()) != 0) {
            // All on the jsonb, under the parameter names the split gave them; its typed ones go unused.
            for (int i = 0; i < conditions.size(); i++) {
                WhereFilter.append(conditions.get(i), i, sql, params);
            }
            return;
        }
        params.put("where_tenant", tenantId);
        params.put("where_type", type);
        sql.append(" and s.id in (select c.shard_id from shard_columns c where c.tenant_id = :where_tenant and c.shard_type = :where_type")
                .append(split.onColumns()).append(')').append(split.onJson());
    }

    /**
     * {@code where} conditions split between a type's typed columns (on {@code c}, where the field
     * has a column) and the jsonb (on {@code s}), with the odd bits of the columns read: what a list
     * and a search filter alike build on. Adds both sides' parameters to {@code params}.
     */
    private record Split(String onColumns, String onJson, long mask) {

        static Split of(ShardColumns.Layout layout, List<WhereFilter.Condition> conditions, Map<String, Object> params) {
            long mask = 0;
            StringBuilder onColumns = new StringBuilder();
            StringBuilder onJson = new StringBuilder();
            for (int i = 0; i < conditions.size(); i++) {
                WhereFilter.Condition condition = conditions.get(i);
                ShardColumns.Slot slot = layout.scalar(List.of(condition.path()));
                if (slot == null) {
                    WhereFilter.append(condition, i, onJson, params);
                } else {
                    onColumns.append(" and ").append(WhereFilter.typedCondition(condition, Filters.kindOf(slot), "c." + slot.column(), "cw" + i,
                            params));
                    mask |= Filters.bitOf(slot);
                }
            }
            return new Split(onColumns.toString(), onJson.toString(), mask);
        }
    }

    /** The plan PostgreSQL makes for the first page of {@code query}: what tests check list queries with. */
    String explain(UUID tenantId, ShardQuery query, Function<String, ReadFilter> readable) {
        Statement statement = statement(tenantId, query, PageRequest.of(query.limit(), query.cursor()), readable);
        return String.join("\n", freshPlans.planned("explain " + statement.sql(), statement.params(), (rs, n) -> rs.getString(1)));
    }

    /**
     * A list's SQL with its parameters, its order and the fingerprint of its filters (for cursors).
     * With {@code keysOnly} it selects the page's {@code shard_id} and {@code sort_key} only, in order.
     */
    private record Statement(String sql, Map<String, Object> params, ShardSort sort, String filterHash, boolean keysOnly) {
    }

    /** What {@link Filters} builds: the statement's text, and whether it selects keys only. */
    private record Built(String sql, boolean keysOnly) {
    }

    private Statement statement(UUID tenantId, ShardQuery query, PageRequest page, Function<String, ReadFilter> readable) {
        ShardSort sort = ShardSort.parse(query.sort());
        if (query.type() != null && !ShardTypes.NAME.matcher(query.type()).matches()) {
            throw ApiException.badRequest("type must be a shard type name", "/type");
        }
        if (query.status() != null && !STATUSES.contains(query.status())) {
            throw ApiException.badRequest("status must be one of active, archived, draft, deleted", "/status");
        }
        boolean text = query.q() != null && !query.q().isBlank();
        if (text && query.q().length() > 500) {
            throw ApiException.badRequest("q must have at most 500 characters", "/q");
        }
        List<String> where = query.where() == null ? List.of() : query.where();
        if (where.size() > 20) {
            throw ApiException.badRequest("At most 20 where filters", "/where");
        }
        List<WhereFilter.Condition> conditions = where.stream().map(WhereFilter::parse).toList();
        String filterHash = fingerprint(query.type() + "|" + query.status() + "|" + query.tag() + "|" + query.q() + "|" + where);
        JsonNode position = cursors.position(page);
        if (position != null && (!filterHash.equals(position.path("f").asString("")) || !sort.spec().equals(position.path("s").asString("")))) {
            throw ApiException.badRequest("The cursor belongs to a different query; repeat the same filters and sort", "/cursor");
        }

        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", tenantId);
        params.put("type", query.type());
        params.put("status", query.status());
        params.put("tag", query.tag() == null ? null : JsonNodeFactory.instance.arrayNode().add(query.tag()).toString());
        params.put("q", text ? query.q() : null);
        params.put("limit", page.rowsToFetch());
        if (position != null) {
            params.put("after_key", position.path("k").asString());
            params.put("after_id", position.path("id").asString());
        }
        Filters filters = new Filters(query, text, conditions, sort, position != null, readable);
        Optional<ShardColumns.Layout> layout = query.type() == null ? Optional.empty() : columns.whenReady(tenantId, query.type());
        Built built = layout.map(typed -> filters.typed(typed, params)).orElseGet(() -> new Built(filters.plain(params), false));
        return new Statement(built.sql(), params, sort, filterHash, built.keysOnly());
    }

    /**
     * The statement of one list, in two shapes. Plain: on {@code shards} alone, the jsonb read for
     * every filter. Typed, when the type's typed columns are filled: filters and order on the
     * narrow {@code shard_columns} row, whose columns PostgreSQL has statistics for and whose
     * {@code (tenant, type, created_at)} index it can walk until the page is full, joined to
     * {@code shards} only for the rows it returns. The few shards with a value of another type in a
     * column the query reads (when there are any) are answered from their jsonb by a second branch.
     */
    private record Filters(ShardQuery query, boolean text, List<WhereFilter.Condition> conditions, ShardSort sort, boolean after,
            Function<String, ReadFilter> readable) {

        String plain(Map<String, Object> params) {
            String key = sort.expression("s");
            StringBuilder sql = new StringBuilder("select ").append(Shards.COLUMNS).append(", (").append(key)
                    .append(")::text as sort_key from shards s where s.tenant_id = :tenant");
            if (query.type() != null) {
                sql.append(" and s.shard_type = :type");
            }
            onShards(sql, params);
            return orderAndLimit(sql, key, "s.id").toString();
        }

        Built typed(ShardColumns.Layout layout, Map<String, Object> params) {
            Split split = Split.of(layout, conditions, params);
            long mask = split.mask();
            StringBuilder onColumns = new StringBuilder(split.onColumns());
            StringBuilder onJson = new StringBuilder(split.onJson());
            String key;
            // What the rows are ordered by, with its direction: the key itself, or the typed column it is made from.
            String order;
            boolean keyOnShards;
            if (sort.path() != null) {
                ShardColumns.Slot slot = layout.scalar(sort.path());
                keyOnShards = slot == null;
                key = slot == null ? sort.expression("s") : sort.typedExpression("c." + slot.column());
                order = key + direction(sort);
                mask |= slot == null ? 0 : bitOf(slot);
                // A number or boolean column with no value of another type orders exactly as its JSON
                // (missing first): ordered by the column, a declared field's index gives the order.
                if (slot != null && !slot.kind().equals("string") && (layout.oddBits() & bitOf(slot)) == 0) {
                    order = "c." + slot.column() + (sort.descending() ? " desc nulls last" : " nulls first");
                }
            } else {
                keyOnShards = sort.column().equals("revision");
                key = (keyOnShards ? "s." : "c.") + sort.column();
                order = key + direction(sort);
            }
            if (query.tag() != null) {
                onJson.append(" and s.metadata -> 'tags' @> cast(:tag as jsonb)");
            }
            if (text) {
                onJson.append(" and s.search @@ websearch_to_tsquery('english', :q)");
            }
            // Shards with a value of another type in a column the query reads are left to the jsonb branch.
            mask &= layout.oddBits();
            if (mask != 0) {
                // "odd = 0 or" lets the planner see from the column's statistics that nearly every row qualifies.
                onColumns.append(" and (c.odd = 0 or (c.odd & :odd_mask) = 0)");
                params.put("odd_mask", mask);
            }
            ReadFilter own = readable.apply("c");
            onColumns.append(own.sql());
            params.putAll(own.params());
            String status = query.status() == null ? " and c.status <> 'deleted'" : " and c.status = :status";
            StringBuilder sql;
            if (onJson.isEmpty() && !keyOnShards) {
                // Everything is answered by the narrow rows: the page is chosen among them alone, so the
                // plan never starts from shards, and shards is read for the page's rows only.
                StringBuilder ids = new StringBuilder("select c.shard_id, (").append(key).append(")::text as sort_key, ").append(key)
                        .append(" as sort_value from shard_columns c where c.tenant_id = :tenant and c.shard_type = :type").append(status)
                        .append(onColumns);
                orderAndLimit(ids, key, order, "c.shard_id");
                if (mask == 0) {
                    // The page's shards are then read by id: planning the join with shards cost more than
                    // both statements run (bench/README.md, "Filtered lists side by side").
                    return new Built(ids.toString(), true);
                }
                String direction = direction(sort);
                sql = new StringBuilder("(select ").append(Shards.COLUMNS).append(", p.sort_key, p.sort_value from (").append(ids)
                        .append(") p join shards s on s.tenant_id = :tenant and s.id = p.shard_id order by p.sort_value").append(direction)
                        .append(", p.shard_id").append(direction).append(')');
            } else {
                sql = new StringBuilder("(select ").append(Shards.COLUMNS).append(", (").append(key).append(")::text as sort_key, ")
                        .append(key).append(" as sort_value from shard_columns c join shards s on s.tenant_id = c.tenant_id and s.id = c.shard_id")
                        .append(" where c.tenant_id = :tenant and c.shard_type = :type").append(status).append(onColumns).append(onJson);
                orderAndLimit(sql, key, order, "c.shard_id").append(')');
            }
            if (mask == 0) {
                return new Built(sql.toString(), false);
            }
            String jsonKey = sort.expression("s");
            StringBuilder odd = new StringBuilder("(select ").append(Shards.COLUMNS).append(", (").append(jsonKey)
                    .append(")::text as sort_key, ").append(jsonKey).append(" as sort_value from shard_columns c")
                    .append(" join shards s on s.tenant_id = c.tenant_id and s.id = c.shard_id")
                    .append(" where c.tenant_id = :tenant and c.shard_type = :type and c.odd <> 0 and (c.odd & :odd_mask) <> 0")
                    .append(" and s.tenant_id = :tenant");
            onShards(odd, params);
            orderAndLimit(odd, jsonKey, "s.id").append(')');
            String direction = direction(sort);
            return new Built("select * from (" + sql + " union all " + odd + ") u order by sort_value" + direction + ", id" + direction
                    + " limit :limit", false);
        }

        /** Status, tag, text and where filters and the read filter, all read from the shards row {@code s}. */
        private void onShards(StringBuilder sql, Map<String, Object> params) {
            sql.append(query.status() == null ? " and s.status <> 'deleted'" : " and s.status = :status");
            if (query.tag() != null) {
                sql.append(" and s.metadata -> 'tags' @> cast(:tag as jsonb)");
            }
            if (text) {
                sql.append(" and s.search @@ websearch_to_tsquery('english', :q)");
            }
            for (int i = 0; i < conditions.size(); i++) {
                WhereFilter.append(conditions.get(i), i, sql, params);
            }
            // Filtered in the query, so pages stay full and cursors stay valid.
            ReadFilter own = readable.apply("s");
            sql.append(own.sql());
            params.putAll(own.params());
        }

        /** The position after the cursor's row, the order and the limit. */
        private StringBuilder orderAndLimit(StringBuilder sql, String key, String id) {
            return orderAndLimit(sql, key, key + direction(sort), id);
        }

        /** The same, ordered by {@code order} (with its direction), which sorts as the key does. */
        private StringBuilder orderAndLimit(StringBuilder sql, String key, String order, String id) {
            if (after) {
                sql.append(" and (").append(key).append(", ").append(id).append(") ").append(sort.descending() ? "<" : ">")
                        .append(" (cast(:after_key as ").append(sort.cast()).append("), cast(:after_id as uuid))");
            }
            return sql.append(" order by ").append(order).append(", ").append(id).append(direction(sort)).append(" limit :limit");
        }

        private static String direction(ShardSort sort) {
            return sort.descending() ? " desc" : "";
        }

        private static AggregationFields.Kind kindOf(ShardColumns.Slot slot) {
            return switch (slot.kind()) {
                case "number" -> AggregationFields.Kind.NUMBER;
                case "boolean" -> AggregationFields.Kind.BOOLEAN;
                default -> AggregationFields.Kind.STRING;
            };
        }

        private static long bitOf(ShardColumns.Slot slot) {
            return slot.bit() == null ? 0 : 1L << slot.bit();
        }
    }

    /**
     * Runs a list query. Its filters' selectivity depends on the values (one industry may match
     * 10 % of a tenant, a name one row), so a plan made for unknown values, which the driver's
     * prepared statements lead PostgreSQL to cache after a few runs, can be a hundred times
     * slower than one made for the values at hand: list statements are sent unnamed, which
     * PostgreSQL plans for the values they are bound to, every time.
     */
    private List<Listed> run(String sql, Map<String, Object> params) {
        return freshPlans.planned(sql, params, (rs, n) -> new Listed(shards.map(rs, n), rs.getString("sort_key")));
    }

    /** Runs a keys-only list query, then reads its shards by id (a plan PostgreSQL keeps), in the keys' order. */
    private List<Listed> runKeys(UUID tenantId, Statement statement) {
        record Key(UUID id, String sortKey) {
        }
        List<Key> keys = freshPlans.planned(statement.sql(), statement.params(),
                (rs, n) -> new Key(rs.getObject("shard_id", UUID.class), rs.getString("sort_key")));
        Map<UUID, Shard> found = new HashMap<>();
        shards.findAll(tenantId, keys.stream().map(Key::id).toList()).forEach(shard -> found.put(shard.id(), shard));
        List<Listed> rows = new ArrayList<>(keys.size());
        for (Key key : keys) {
            Shard shard = found.get(key.id());
            // Gone between the two statements (each sees the latest commits): as if listed a moment later.
            if (shard != null) {
                rows.add(new Listed(shard, key.sortKey()));
            }
        }
        return rows;
    }

    /**
     * Named-parameter statements sent unnamed ({@code prepareThreshold} 0), so that PostgreSQL plans
     * each for the values it is bound to; the driver's default would make it reuse a generic plan.
     */
    static final class FreshPlans extends NamedParameterJdbcTemplate {

        FreshPlans(JdbcTemplate template) {
            super(template);
        }

        <T> List<T> planned(String sql, Map<String, Object> params, RowMapper<T> mapper) {
            PreparedStatementCreator creator = getPreparedStatementCreator(sql, new MapSqlParameterSource(params));
            return getJdbcOperations().query(connection -> {
                PreparedStatement statement = creator.createPreparedStatement(connection);
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
                return statement;
            }, mapper);
        }
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
