package io.castiel.notification.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.shard.ShardCreated;
import io.castiel.shard.ShardDeleted;
import io.castiel.shard.ShardRestored;
import io.castiel.shard.ShardUpdated;
import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiException;
import io.castiel.platform.Ids;
import io.castiel.platform.Page;
import io.castiel.platform.Role;
import io.castiel.platform.TenantContext;
import io.castiel.shard.ShardFilter;
import io.castiel.shard.ShardTypeService;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Users' notification rules: each user manages their own (anyone who may read shards may have
 * some). The rules of a tenant are kept in memory for the event consumer, which reads them for
 * every shard event: cleared on every change here, and reloaded after
 * {@link NotificationProperties#ruleCacheTtl()} in case another node changed them.
 */
@Service
public class NotificationRules {

    /** The shard events a rule may name. */
    public static final Set<String> EVENTS = Set.of(ShardCreated.TYPE, ShardUpdated.TYPE, ShardDeleted.TYPE, ShardRestored.TYPE);
    private static final Pattern TYPE_NAME = Pattern.compile("^[a-z][a-z0-9_]{1,62}$");
    private static final int MAX_RULES_PER_USER = 100;
    private static final String COLUMNS = "id, user_id, name, shard_type, events, where_filters, created_at";

    private record Cached(List<NotificationRule> rules, Instant loadedAt) {
    }

    private final JdbcClient jdbc;
    private final TenantContext tenants;
    private final ActorContext actors;
    private final AuditLog audit;
    private final Ids ids;
    private final ShardTypeService types;
    private final NotificationProperties properties;
    private final Clock clock;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    NotificationRules(JdbcClient jdbc, TenantContext tenants, ActorContext actors, AuditLog audit, Ids ids, ShardTypeService types,
            NotificationProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.actors = actors;
        this.audit = audit;
        this.ids = ids;
        this.types = types;
        this.properties = properties;
        this.clock = clock;
    }

    public NotificationRule create(String name, String shardType, List<String> events, List<String> where) {
        Actor actor = actors.requireRole(Role.VIEWER);
        if (name != null && name.length() > 200) {
            throw ApiException.badRequest("name must have at most 200 characters", "/name");
        }
        if (shardType == null || !TYPE_NAME.matcher(shardType).matches()) {
            throw ApiException.badRequest("shardType must be a shard type name", "/shardType");
        }
        if (events == null || events.isEmpty()) {
            throw ApiException.badRequest("events must name at least one of " + EVENTS.stream().sorted().toList(), "/events");
        }
        for (int i = 0; i < events.size(); i++) {
            if (!EVENTS.contains(events.get(i))) {
                throw ApiException.badRequest("events may only name " + EVENTS.stream().sorted().toList(), "/events/" + i);
            }
        }
        List<String> filters = where == null ? List.of() : where;
        ShardFilter filter = ShardFilter.parse(filters);
        List<String> distinctEvents = List.copyOf(new LinkedHashSet<>(events));
        UUID id = ids.next();
        NotificationRule rule = tenants.inTenant(actor.tenantId(), () -> {
            if (types.resolve(actor.tenantId(), shardType).isEmpty()) {
                throw ApiException.badRequest("Unknown shard type " + shardType, "/shardType");
            }
            long count = jdbc.sql("select count(*) from notification_rules where tenant_id = ? and user_id = ?")
                    .params(actor.tenantId(), actor.userId()).query(Long.class).single();
            if (count >= MAX_RULES_PER_USER) {
                throw ApiException.conflict("You have " + MAX_RULES_PER_USER + " notification rules already; delete one first");
            }
            NotificationRule created = jdbc.sql("insert into notification_rules (tenant_id, id, user_id, name, shard_type, events, where_filters)"
                    + " values (?, ?, ?, ?, ?, ?, ?) returning " + COLUMNS)
                    .params(actor.tenantId(), id, actor.userId(), name, shardType, distinctEvents.toArray(String[]::new),
                            filters.toArray(String[]::new))
                    .query((rs, n) -> rule(rs, filter)).single();
            ObjectNode changes = JsonNodeFactory.instance.objectNode().put("shardType", shardType);
            changes.set("events", JsonNodeFactory.instance.arrayNode().addAll(distinctEvents.stream()
                    .map(JsonNodeFactory.instance::stringNode).toList()));
            changes.set("where", JsonNodeFactory.instance.arrayNode().addAll(filters.stream().map(JsonNodeFactory.instance::stringNode).toList()));
            audit.record(AuditEntry.of("notification_rule.created", "notification_rule", id, changes).by(actor.userId()));
            return created;
        });
        cache.remove(actor.tenantId());
        return rule;
    }

    /** The caller's rules, oldest first (a user has at most a hundred: one page). */
    public Page<NotificationRule> list() {
        Actor actor = actors.requireRole(Role.VIEWER);
        List<NotificationRule> rules = tenants.inTenant(actor.tenantId(), () -> jdbc.sql("select " + COLUMNS
                + " from notification_rules where tenant_id = ? and user_id = ? order by id").params(actor.tenantId(), actor.userId())
                .query((rs, n) -> rule(rs, null)).list());
        return new Page<>(rules, null);
    }

    public NotificationRule get(UUID id) {
        Actor actor = actors.requireRole(Role.VIEWER);
        return tenants.inTenant(actor.tenantId(), () -> jdbc.sql("select " + COLUMNS
                + " from notification_rules where tenant_id = ? and user_id = ? and id = ?").params(actor.tenantId(), actor.userId(), id)
                .query((rs, n) -> rule(rs, null)).optional()).orElseThrow(() -> ApiException.notFound("Notification rule", id));
    }

    public void delete(UUID id) {
        Actor actor = actors.requireRole(Role.VIEWER);
        tenants.inTenant(actor.tenantId(), () -> {
            int deleted = jdbc.sql("delete from notification_rules where tenant_id = ? and user_id = ? and id = ?")
                    .params(actor.tenantId(), actor.userId(), id).update();
            if (deleted == 0) {
                throw ApiException.notFound("Notification rule", id);
            }
            audit.record(AuditEntry.of("notification_rule.deleted", "notification_rule", id, JsonNodeFactory.instance.objectNode())
                    .by(actor.userId()));
            return null;
        });
        cache.remove(actor.tenantId());
    }

    /** Every rule of the tenant (all users), from the cache when fresh. Needs the tenant's transaction. */
    @Transactional(propagation = Propagation.MANDATORY, readOnly = true)
    List<NotificationRule> ofTenant(UUID tenantId) {
        Instant now = clock.instant();
        Cached cached = cache.get(tenantId);
        if (cached != null && cached.loadedAt().plus(properties.ruleCacheTtl()).isAfter(now)) {
            return cached.rules();
        }
        List<NotificationRule> rules = jdbc.sql("select " + COLUMNS + " from notification_rules where tenant_id = ? order by id")
                .params(tenantId).query((rs, n) -> rule(rs, parse(rs.getArray("where_filters")))).list();
        cache.put(tenantId, new Cached(rules, now));
        return rules;
    }

    private static ShardFilter parse(java.sql.Array where) throws java.sql.SQLException {
        return ShardFilter.parse(Arrays.asList((String[]) where.getArray()));
    }

    private static NotificationRule rule(java.sql.ResultSet rs, ShardFilter filter) throws java.sql.SQLException {
        return new NotificationRule(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("shard_type"),
                Arrays.asList((String[]) rs.getArray("events").getArray()), Arrays.asList((String[]) rs.getArray("where_filters").getArray()),
                rs.getTimestamp("created_at").toInstant(), rs.getObject("user_id", UUID.class), filter);
    }
}
