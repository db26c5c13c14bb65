/**
 * Search and AI: every shard's text is split into chunks and embedded after each write (an event
 * consumer feeding a backlog that a bounded worker pool drains, so writes never wait), stored per
 * tenant under Row-Level Security and searched by keyword, by meaning, or both fused; answers to
 * questions are grounded in the retrieved shards only. Which shards a caller sees is decided by the
 * shard module ({@link io.castiel.shard.ShardSearch}), exactly as for {@code GET /shards}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Search and AI")
package io.castiel.search;
