/**
 * GraphQL: {@code POST /graphql} and {@code POST /api/v1/graphql} (and graphql-transport-ws
 * subscriptions on the latter), another door into the shard, relationship and identity services.
 * Resolvers call the same services as REST, so validation, permissions, audit and events are
 * theirs; nested fields load in batches (one statement per field and page); hostile documents are
 * refused before execution.
 */
@org.springframework.modulith.ApplicationModule(displayName = "GraphQL")
package io.castiel.graphql;
