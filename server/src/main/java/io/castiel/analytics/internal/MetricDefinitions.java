package io.castiel.analytics.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.castiel.analytics.MetricDefinition;
import io.castiel.analytics.MetricPeriod;
import io.castiel.shard.AggregationQuery;
import tools.jackson.databind.json.JsonMapper;

/** The {@code metric_definitions} table (under Row-Level Security, like every tenant table). */
@Repository
public class MetricDefinitions {

    private static final String COLUMNS = "id, name, display_name, query, format, period, created_by, created_at, updated_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    MetricDefinitions(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores a new definition; false when the tenant already has one of that name. */
    public boolean insert(UUID tenantId, MetricDefinition metric) {
        return jdbc.sql("""
                insert into metric_definitions (tenant_id, id, name, display_name, query, format, period, created_by, created_at, updated_at)
                values (:tenant, :id, :name, :displayName, cast(:query as jsonb), :format, cast(:period as jsonb), :createdBy, :createdAt,
                        :updatedAt)
                on conflict (tenant_id, name) do nothing""")
                .params(params(tenantId, metric)).param("createdBy", metric.createdBy())
                .param("createdAt", Timestamp.from(metric.createdAt()))
                .update() == 1;
    }

    /** Replaces a definition's fields; false when its new name is taken by another. */
    public boolean update(UUID tenantId, MetricDefinition metric) {
        boolean taken = jdbc.sql("select exists (select 1 from metric_definitions where tenant_id = :tenant and name = :name and id <> :id)")
                .param("tenant", tenantId).param("name", metric.name()).param("id", metric.id()).query(Boolean.class).single();
        if (taken) {
            return false;
        }
        jdbc.sql("""
                update metric_definitions
                set name = :name, display_name = :displayName, query = cast(:query as jsonb), format = :format,
                    period = cast(:period as jsonb), updated_at = :updatedAt
                where tenant_id = :tenant and id = :id""")
                .params(params(tenantId, metric)).update();
        return true;
    }

    public Optional<MetricDefinition> find(UUID tenantId, UUID id, boolean forUpdate) {
        return jdbc.sql("select " + COLUMNS + " from metric_definitions where tenant_id = ? and id = ?" + (forUpdate ? " for update" : ""))
                .params(tenantId, id).query(this::map).optional();
    }

    /** Up to {@code limit} definitions after {@code afterId} (null: from the first), by id. */
    public List<MetricDefinition> list(UUID tenantId, UUID afterId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from metric_definitions where tenant_id = :tenant"
                + (afterId == null ? "" : " and id > :after") + " order by id limit :limit")
                .param("tenant", tenantId).param("after", afterId).param("limit", limit).query(this::map).list();
    }

    public void delete(UUID tenantId, UUID id) {
        jdbc.sql("delete from metric_definitions where tenant_id = ? and id = ?").params(tenantId, id).update();
    }

    private Map<String, Object> params(UUID tenantId, MetricDefinition metric) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", tenantId);
        params.put("id", metric.id());
        params.put("name", metric.name());
        params.put("displayName", metric.displayName());
        params.put("query", json.writeValueAsString(metric.query()));
        params.put("format", metric.format());
        params.put("period", metric.period() == null ? null : json.writeValueAsString(metric.period()));
        params.put("updatedAt", Timestamp.from(metric.updatedAt()));
        return params;
    }

    private MetricDefinition map(ResultSet rs, int n) throws SQLException {
        String period = rs.getString("period");
        return new MetricDefinition(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("display_name"),
                json.readValue(rs.getString("query"), AggregationQuery.class), rs.getString("format"),
                period == null ? null : json.readValue(period, MetricPeriod.class), rs.getObject("created_by", UUID.class),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
