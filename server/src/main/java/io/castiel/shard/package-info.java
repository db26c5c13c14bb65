/**
 * Shards: shard types with JSON Schema validation and inheritance, shards with revisions, and the
 * relationships that link them into a graph. Its services are what REST (and later GraphQL)
 * call; they enforce roles, validation, concurrency and auditing in one place. Who may read and
 * change which shard beyond the roles (a shard's acl, per-role type permissions) is decided by
 * {@link io.castiel.shard.ShardAccess}, which every path that shows shards uses.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shards")
package io.castiel.shard;
