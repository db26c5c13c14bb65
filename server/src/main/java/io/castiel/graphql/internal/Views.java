package io.castiel.graphql.internal;

import java.util.List;

import io.castiel.identity.TenantService;
import io.castiel.identity.UserService;

/** The GraphQL-only shapes: connections, pages and {@code me}. Shards, types and relationships are the services' own records. */
final class Views {

    private Views() {
    }

    record Me(UserService.User user, TenantService.Tenant tenant) {
    }

    record PageInfo(boolean hasNextPage, String endCursor) {
    }

    record Edge<T>(T node, String cursor) {
    }

    record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo) {
    }

    record NodePage<T>(List<T> nodes, PageInfo pageInfo) {
    }

    /** One batched traversal: a shard and the arguments of its {@code related} or {@code relationships} field. */
    record Traversal(java.util.UUID shardId, io.castiel.shard.Direction direction, String type, int first) {

        Group group() {
            return new Group(direction, type, first);
        }
    }

    /** Traversals that one statement answers: same direction, type and page size. */
    record Group(io.castiel.shard.Direction direction, String type, int first) {
    }
}
