package io.castiel.search.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Hybrid search's fusion of its keyword and semantic candidates: a convex combination of their
 * scores, each divided by the best of its list (a shard one list lacks has 0 from it). Unlike
 * reciprocal rank fusion, which it replaced, a keyword match that BM25 scores far below the best
 * weighs little, and one that shares the best's rare words weighs as much as it deserves; the
 * keyword weight {@link #KEYWORD_WEIGHT} was chosen on bench/search/eval/hard and checked on
 * bench/search/eval (bench/README.md, "Search that finds the right record among look-alikes").
 */
public final class ScoreFusion {

    public static final double KEYWORD_WEIGHT = 0.2;

    /** A candidate and its score in its own list (BM25, or cosine similarity). */
    public record Scored(UUID id, double score) {
    }

    public record Fused(UUID id, double score) {
    }

    private ScoreFusion() {
    }

    /** The candidates of both lists, best fused score first. */
    public static List<Fused> fuse(List<Scored> keyword, List<Scored> semantic) {
        Map<UUID, Double> scores = new LinkedHashMap<>();
        add(scores, semantic, 1 - KEYWORD_WEIGHT);
        add(scores, keyword, KEYWORD_WEIGHT);
        List<Fused> fused = new ArrayList<>();
        scores.forEach((id, score) -> fused.add(new Fused(id, score)));
        fused.sort(Comparator.comparingDouble(Fused::score).reversed());
        return fused;
    }

    private static void add(Map<UUID, Double> scores, List<Scored> list, double weight) {
        double best = list.stream().mapToDouble(Scored::score).max().orElse(1);
        double scale = best > 0 ? best : 1;
        for (Scored scored : list) {
            scores.merge(scored.id(), weight * scored.score() / scale, Double::sum);
        }
    }
}
