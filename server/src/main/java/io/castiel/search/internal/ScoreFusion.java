package io.castiel.search.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Hybrid search's fusion of its keyword and semantic candidates: a convex combination of their
 * scores, each scaled from the lowest to the best of its list onto 0-1 (a shard one list lacks has
 * 0 from it). Unlike reciprocal rank fusion, which it replaced, a keyword match that BM25 scores
 * far below the best weighs little, and one that shares the best's rare words weighs as much as it
 * deserves. Scaled from the lowest, not only divided by the best, because a model's similarities
 * can crowd into a narrow band (e5's between 0.75 and 0.9), where dividing by the best left every
 * semantic candidate near 1 and the keyword list alone deciding. The keyword weight
 * {@link #KEYWORD_WEIGHT} was chosen on bench/search/eval/hard and checked on bench/search/eval,
 * with both local models (bench/README.md, "Search that finds the right record among look-alikes").
 */
public final class ScoreFusion {

    public static final double KEYWORD_WEIGHT = 0.3;

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
        DoubleSummaryStatistics range = list.stream().mapToDouble(Scored::score).summaryStatistics();
        double spread = range.getMax() - range.getMin();
        for (Scored scored : list) {
            // One candidate, or all alike: each counts fully.
            double scaled = spread > 0 ? (scored.score() - range.getMin()) / spread : 1;
            scores.merge(scored.id(), weight * scaled, Double::sum);
        }
    }
}
