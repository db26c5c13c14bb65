package io.castiel.shard.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The SQL condition that keeps a query to the shards an actor may read (starting with
 * {@code " and "}, or empty when nothing is hidden), with its bind parameters. Who may read what
 * is decided by {@code ShardAccess}; this is only how that decision reads in SQL, so that lists
 * are filtered in the query and pages stay full.
 */
public record ReadFilter(String sql, Map<String, Object> params) {

    /** For actors who may read every shard. */
    public static final ReadFilter NONE = new ReadFilter("", Map.of());

    /**
     * The condition for the table aliased {@code alias}, for {@code user} whose role may not read
     * the types {@code hiddenTypes}. The type part is a plain {@code not in}; the acl part uses
     * JSON containment ({@code @>}, LEAKPROOF in Castiel's databases, so it stays usable under
     * Row-Level Security): an empty acl contains no element at all, hence
     * {@code not acl @> '[{}]'} means "no acl".
     */
    public static ReadFilter of(String alias, UUID user, List<String> hiddenTypes) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder();
        if (!hiddenTypes.isEmpty()) {
            sql.append(" and ").append(alias).append(".shard_type not in (:access_hidden)");
            params.put("access_hidden", hiddenTypes);
        }
        sql.append(" and (not ").append(alias).append(".acl @> '[{}]' or ").append(alias).append(".created_by = :access_user or ")
                .append(alias).append(".acl @> cast(:access_grant as jsonb))");
        params.put("access_user", user);
        params.put("access_grant", readGrant(user));
        return new ReadFilter(sql.toString(), params);
    }

    /** {@code [{"userId": user, "permissions": ["read"]}]}: what an acl granting it read contains. */
    private static String readGrant(UUID user) {
        return JsonNodeFactory.instance.arrayNode()
                .add(JsonNodeFactory.instance.objectNode().put("userId", user.toString()).set("permissions",
                        JsonNodeFactory.instance.arrayNode().add("read")))
                .toString();
    }
}
