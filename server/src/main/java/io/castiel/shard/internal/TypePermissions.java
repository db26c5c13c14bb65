package io.castiel.shard.internal;

import java.sql.Array;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tenant's per-role overrides of shard type permissions ({@code shard_type_permissions}), for
 * system and custom types alike. Only rows that exist are returned; a missing row means the role's
 * default, which {@link io.castiel.shard.ShardAccess} applies.
 */
@Repository
public class TypePermissions {

    private final JdbcClient jdbc;

    TypePermissions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * For one role ({@code member} or {@code viewer}): type name to its permissions. Outside the
     * tenant's transaction Row-Level Security would hide every row, which would read as "all
     * defaults" and widen access; the query therefore also reports whether the transaction is
     * bound to the tenant, and fails closed when it is not.
     */
    public Map<String, Set<String>> forRole(UUID tenantId, String role) {
        Map<String, Set<String>> byType = new LinkedHashMap<>();
        boolean[] bound = {false};
        jdbc.sql("""
                select coalesce(app_tenant_id() = :tenant, false) as bound, p.shard_type, p.permissions
                from (select 1) one
                left join shard_type_permissions p on p.tenant_id = :tenant and p.role = :role""")
                .param("tenant", tenantId).param("role", role)
                .query(rs -> {
                    bound[0] = rs.getBoolean(1);
                    if (rs.getString(2) != null) {
                        byType.put(rs.getString(2), strings(rs.getArray(3)));
                    }
                });
        if (!bound[0]) {
            throw new IllegalStateException("Shard permissions were asked for outside a transaction of tenant " + tenantId);
        }
        return byType;
    }

    /** For one type: role to its permissions. */
    public Map<String, Set<String>> forType(UUID tenantId, String shardType) {
        Map<String, Set<String>> byRole = new LinkedHashMap<>();
        jdbc.sql("select role, permissions from shard_type_permissions where tenant_id = ? and shard_type = ? order by role")
                .params(tenantId, shardType)
                .query(rs -> {
                    byRole.put(rs.getString(1), strings(rs.getArray(2)));
                });
        return byRole;
    }

    /** For every type of the tenant that has overrides: type to role to permissions. */
    public Map<String, Map<String, Set<String>>> all(UUID tenantId) {
        Map<String, Map<String, Set<String>>> byType = new LinkedHashMap<>();
        jdbc.sql("select shard_type, role, permissions from shard_type_permissions where tenant_id = ?")
                .param(tenantId)
                .query(rs -> {
                    byType.computeIfAbsent(rs.getString(1), t -> new LinkedHashMap<>()).put(rs.getString(2), strings(rs.getArray(3)));
                });
        return byType;
    }

    /** Replaces the type's overrides with {@code byRole} (an empty map restores the defaults). */
    public void replace(UUID tenantId, String shardType, Map<String, List<String>> byRole, UUID actor) {
        jdbc.sql("delete from shard_type_permissions where tenant_id = ? and shard_type = ?").params(tenantId, shardType).update();
        byRole.forEach((role, permissions) -> jdbc.sql("""
                insert into shard_type_permissions (tenant_id, shard_type, role, permissions, updated_by)
                values (?, ?, ?, ?, ?)""")
                .params(tenantId, shardType, role, permissions.toArray(String[]::new), actor)
                .update());
    }

    public void delete(UUID tenantId, String shardType) {
        jdbc.sql("delete from shard_type_permissions where tenant_id = ? and shard_type = ?").params(tenantId, shardType).update();
    }

    private static Set<String> strings(Array array) throws SQLException {
        return Set.of((String[]) array.getArray());
    }
}
