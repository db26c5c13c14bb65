/**
 * Shards: shard types with JSON Schema validation and inheritance, shards with revisions, and the
 * relationships that link them into a graph. Its services are what REST (and later GraphQL)
 * call; they enforce roles, validation, concurrency and auditing in one place.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shards")
package io.castiel.shard;
