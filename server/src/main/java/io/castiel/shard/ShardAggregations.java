package io.castiel.shard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiException;
import io.castiel.platform.Role;
import io.castiel.shard.internal.AggregationStatement;
import io.castiel.shard.internal.Aggregations;
import io.castiel.shard.internal.ShardColumns;
import tools.jackson.databind.JsonNode;

/**
 * Group-by aggregations over the shards the caller may read, for the analytics module, which may
 * not read the shard tables itself. The filter is {@code GET /shards}'s own (the same
 * {@code where} parser, the same read filter: Row-Level Security, type permissions, acls, deleted
 * shards left out), and the aggregation runs in PostgreSQL as one statement, over the typed columns
 * of the shards ({@link ShardColumns}) where they are filled.
 */
@Service
public class ShardAggregations {

    private static final Pattern RELATED = Pattern.compile("^related:([a-z][a-z0-9_]{1,62}):(out|in)\\.");

    /** Rows one aggregation answers at most. */
    public static final int MAX_LIMIT = AggregationStatement.MAX_LIMIT;
    public static final int MAX_GROUP_BY = AggregationStatement.MAX_GROUP_BY;
    /** The measures' {@code fn}s. */
    public static final Set<String> FUNCTIONS = AggregationStatement.FUNCTIONS;

    private final ShardTypeService types;
    private final ShardAccess access;
    private final ActorContext actors;
    private final Aggregations aggregations;
    private final ShardColumns columns;

    ShardAggregations(ShardTypeService types, ShardAccess access, ActorContext actors, Aggregations aggregations, ShardColumns columns) {
        this.columns = columns;
        this.types = types;
        this.access = access;
        this.actors = actors;
        this.aggregations = aggregations;
    }

    /** Runs {@code query}, kept to {@code window} when it is not null. Viewers and up. */
    @Transactional(readOnly = true)
    public AggregationResult run(AggregationQuery query, AggregationWindow window, AggregationGuard guard) {
        Actor actor = actors.requireRole(Role.VIEWER);
        return aggregations.run(statement(actor, query, window, true), guard);
    }

    /** Checks {@code query} (and {@code window}) as {@link #run} would, without running it. */
    @Transactional(readOnly = true)
    public void check(AggregationQuery query, AggregationWindow window) {
        statement(actors.requireRole(Role.VIEWER), query, window, false);
    }

    /** As {@link #check(AggregationQuery, AggregationWindow)}, for {@code actor} where no request carries one (a listener). */
    @Transactional(readOnly = true)
    public void check(Actor actor, AggregationQuery query, AggregationWindow window) {
        statement(actor, query, window, false);
    }

    /** The plan of {@code query}: admins only, since it tells how much data the tenant holds. */
    @Transactional(readOnly = true)
    public AggregationPlan explain(AggregationQuery query, AggregationGuard guard) {
        Actor actor = actors.requireRole(Role.ADMIN);
        return aggregations.explain(statement(actor, query, null, true), guard);
    }

    /**
     * The typed columns the statement may read: the type's, when they are filled for its current
     * schema, and for each relationship hop those of every type the hop's links reach.
     */
    private AggregationStatement.Columnar columnar(UUID tenantId, AggregationQuery query, JsonNode schema) {
        Optional<ShardColumns.Layout> layout = columns.layout(tenantId, query.shardType(), schema);
        if (layout.isEmpty()) {
            return null;
        }
        Map<String, List<ShardColumns.Layout>> far = new LinkedHashMap<>();
        for (String spec : query.groupBy() == null ? List.<String>of() : query.groupBy()) {
            Matcher related = spec == null ? null : RELATED.matcher(spec);
            if (related == null || !related.find() || far.containsKey(related.group(1) + ":" + related.group(2))) {
                continue;
            }
            List<ShardColumns.Layout> layouts = new ArrayList<>();
            for (String farType : columns.farTypes(tenantId, query.shardType(), related.group(1), related.group(2))) {
                types.resolve(tenantId, farType).flatMap(t -> columns.layout(tenantId, farType, t.effectiveSchema())).ifPresent(layouts::add);
                if (layouts.isEmpty() || !layouts.get(layouts.size() - 1).shardType().equals(farType)) {
                    layouts = null;
                    break;
                }
            }
            if (layouts != null) {
                far.put(related.group(1) + ":" + related.group(2), layouts);
            }
        }
        return new AggregationStatement.Columnar(layout.get(), far);
    }

    private AggregationStatement statement(Actor actor, AggregationQuery query, AggregationWindow window, boolean toRun) {
        if (query == null) {
            throw ApiException.badRequest("The query is required");
        }
        if (query.shardType() == null || query.shardType().isBlank()) {
            throw ApiException.badRequest("shardType is required", "/shardType");
        }
        ShardTypeService.ResolvedType type = types.resolve(actor.tenantId(), query.shardType())
                .orElseThrow(() -> ApiException.unprocessable("Unknown shard type " + query.shardType(),
                        List.of(new ApiException.FieldError("/shardType", "no shard type of this name"))));
        ShardAccess.Rules rules = access.rules(actor);
        return AggregationStatement.build(actor.tenantId(), query, type.effectiveSchema(), rules::readFilter, window,
                toRun ? columnar(actor.tenantId(), query, type.effectiveSchema()) : null);
    }
}
