package io.castiel.search;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.castiel.shard.Shard;

/**
 * One shard found by a search: its {@code score} (ts_rank for keyword, cosine similarity for
 * semantic, the fused reciprocal-rank score for hybrid; higher is better, comparable within one
 * answer only) and the passages that matched best.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SearchHit(Shard shard, double score, List<String> highlights) {
}
