package io.castiel.graphql.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;

import graphql.schema.DataFetchingEnvironment;
import io.castiel.identity.TenantService;
import io.castiel.identity.UserService;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiException;
import io.castiel.platform.Page;
import io.castiel.shard.Direction;
import io.castiel.shard.Relationship;
import io.castiel.shard.RelationshipService;
import io.castiel.shard.Shard;
import io.castiel.shard.ShardQuery;
import io.castiel.shard.ShardRevision;
import io.castiel.shard.ShardService;
import io.castiel.shard.ShardType;
import io.castiel.shard.ShardTypeService;
import reactor.core.publisher.Mono;

/**
 * The read side of the schema. Top-level fields call the services as the REST controllers do;
 * nested fields ({@code related}, {@code relationships}, {@code createdBy}, a relationship's
 * {@code source} and {@code target}) go through data loaders, so a page of shards costs one
 * statement per nested field, whatever its size. Only {@code revisions} is read per shard: a page
 * of a history is a request for one shard's past, not something to fan out over a list.
 */
@Controller
class ShardGraphController {

    static final String RELATED = "related";
    static final String RELATIONSHIPS = "relationships";
    static final String SHARD_BY_ID = "shardById";

    private final ShardService shards;
    private final ShardTypeService types;
    private final RelationshipService relationships;
    private final UserService users;
    private final TenantService tenants;
    private final ActorContext actors;

    ShardGraphController(ShardService shards, ShardTypeService types, RelationshipService relationships, UserService users,
            TenantService tenants, ActorContext actors, BatchLoaderRegistry loaders) {
        this.shards = shards;
        this.types = types;
        this.relationships = relationships;
        this.users = users;
        this.tenants = tenants;
        this.actors = actors;
        loaders.<Views.Traversal, List<Shard>>forName(RELATED)
                .registerMappedBatchLoader((keys, environment) -> Mono.fromCallable(() -> byGroup(keys,
                        (ids, group) -> relationships.relatedOfAll(ids, group.direction(), group.type(), group.first()))));
        loaders.<Views.Traversal, List<Relationship>>forName(RELATIONSHIPS)
                .registerMappedBatchLoader((keys, environment) -> Mono.fromCallable(() -> byGroup(keys,
                        (ids, group) -> relationships.ofAll(ids, group.direction(), group.type(), group.first()))));
        loaders.<UUID, Shard>forName(SHARD_BY_ID)
                .registerMappedBatchLoader((keys, environment) -> Mono.fromCallable(() -> shards.findAll(keys)));
    }

    @QueryMapping
    Views.Me me() {
        return new Views.Me(users.get(actors.current().userId()), tenants.current());
    }

    @QueryMapping
    List<ShardType> shardTypes() {
        return types.list();
    }

    @QueryMapping
    ShardType shardType(@Argument String name) {
        try {
            return types.get(name);
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    /** Null for an unknown, foreign, deleted or hidden shard, as API.md says: never a hint that it exists. */
    @QueryMapping
    Shard shard(@Argument String id) {
        UUID shardId = Arguments.uuid(id, "id");
        try {
            return shards.get(shardId, false);
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    @QueryMapping
    Views.Connection<Shard> shards(@Argument String type, @Argument String status, @Argument String tag, @Argument String q,
            @Argument List<String> where, @Argument String sort, @Argument Integer first, @Argument String after) {
        Page<ShardService.Positioned> page = shards.listPositioned(new ShardQuery(type, status, tag, q,
                where == null ? List.of() : where, sort, first == null ? 50 : first, after));
        List<Views.Edge<Shard>> edges = page.items().stream().map(p -> new Views.Edge<>(p.shard(), p.cursor())).toList();
        String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
        return new Views.Connection<>(edges, new Views.PageInfo(page.nextCursor() != null, end));
    }

    @SchemaMapping(typeName = "Shard")
    CompletableFuture<List<Shard>> related(Shard shard, @Argument String type, @Argument Direction direction, @Argument Integer first,
            DataFetchingEnvironment environment) {
        DataLoader<Views.Traversal, List<Shard>> loader = environment.getDataLoader(RELATED);
        return loader.load(traversal(shard, direction == null ? Direction.OUT : direction, type, first)).thenApply(ShardGraphController::orEmpty);
    }

    @SchemaMapping(typeName = "Shard")
    CompletableFuture<List<Relationship>> relationships(Shard shard, @Argument String type, @Argument Direction direction,
            @Argument Integer first, DataFetchingEnvironment environment) {
        DataLoader<Views.Traversal, List<Relationship>> loader = environment.getDataLoader(RELATIONSHIPS);
        return loader.load(traversal(shard, direction == null ? Direction.BOTH : direction, type, first))
                .thenApply(ShardGraphController::orEmpty);
    }

    @SchemaMapping(typeName = "Shard")
    Views.NodePage<ShardRevision> revisions(Shard shard, @Argument Integer first, @Argument String after) {
        Page<ShardRevision> page = shards.revisions(shard.id(), first == null ? 20 : first, after);
        return new Views.NodePage<>(page.items(), new Views.PageInfo(page.nextCursor() != null, page.nextCursor()));
    }

    @BatchMapping(typeName = "Shard", field = "createdBy")
    Map<Shard, UserService.User> shardCreators(List<Shard> shards) {
        return creators(shards, Shard::createdBy);
    }

    @BatchMapping(typeName = "Relationship", field = "createdBy")
    Map<Relationship, UserService.User> relationshipCreators(List<Relationship> edges) {
        return creators(edges, Relationship::createdBy);
    }

    @SchemaMapping(typeName = "Relationship")
    CompletableFuture<Shard> source(Relationship relationship, DataFetchingEnvironment environment) {
        DataLoader<UUID, Shard> loader = environment.getDataLoader(SHARD_BY_ID);
        return loader.load(relationship.sourceId());
    }

    @SchemaMapping(typeName = "Relationship")
    CompletableFuture<Shard> target(Relationship relationship, DataFetchingEnvironment environment) {
        DataLoader<UUID, Shard> loader = environment.getDataLoader(SHARD_BY_ID);
        return loader.load(relationship.targetId());
    }

    private <T> Map<T, UserService.User> creators(List<T> items, Function<T, UUID> creator) {
        Set<UUID> ids = new LinkedHashSet<>();
        items.forEach(item -> {
            if (creator.apply(item) != null) {
                ids.add(creator.apply(item));
            }
        });
        Map<UUID, UserService.User> found = users.findAll(ids);
        Map<T, UserService.User> byItem = new HashMap<>();
        for (T item : items) {
            UserService.User user = creator.apply(item) == null ? null : found.get(creator.apply(item));
            if (user != null) {
                byItem.put(item, user);
            }
        }
        return byItem;
    }

    /** Checks the arguments before queueing the key, so a bad one fails its own field and not the whole batch. */
    private static Views.Traversal traversal(Shard shard, Direction direction, String type, Integer first) {
        int page = first == null ? 100 : first;
        if (page < 1 || page > RelationshipService.MAX_PER_SHARD) {
            throw ApiException.badRequest("first must be between 1 and " + RelationshipService.MAX_PER_SHARD, "/first");
        }
        if (type != null && !type.matches("^[a-z][a-z0-9_]{1,62}$")) {
            throw ApiException.badRequest("type must match ^[a-z][a-z0-9_]{1,62}$", "/type");
        }
        return new Views.Traversal(shard.id(), direction, type, page);
    }

    /** One service call (one statement) per group of keys with the same arguments; usually there is one group. */
    private static <V> Map<Views.Traversal, List<V>> byGroup(Set<Views.Traversal> keys,
            java.util.function.BiFunction<Collection<UUID>, Views.Group, Map<UUID, List<V>>> load) {
        Map<Views.Group, List<Views.Traversal>> groups = new LinkedHashMap<>();
        keys.forEach(key -> groups.computeIfAbsent(key.group(), g -> new ArrayList<>()).add(key));
        Map<Views.Traversal, List<V>> result = new HashMap<>();
        groups.forEach((group, members) -> {
            Map<UUID, List<V>> loaded = load.apply(members.stream().map(Views.Traversal::shardId).toList(), group);
            members.forEach(key -> result.put(key, loaded.getOrDefault(key.shardId(), List.of())));
        });
        return result;
    }

    private static <V> List<V> orEmpty(List<V> values) {
        return values == null ? List.of() : values;
    }
}
