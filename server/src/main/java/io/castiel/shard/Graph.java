package io.castiel.shard;

import java.util.List;

/** The neighbourhood of a shard: the shards reached and the edges between them. */
public record Graph(List<Shard> nodes, List<Relationship> edges) {
}
