package io.castiel.search.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reciprocal rank fusion (Cormack et al., 2009): each ranking gives a document 1 / (k + rank),
 * rank counted from 1, and the sums order the fused list. Only ranks matter, so ts_rank and
 * cosine similarity, which live on different scales, combine without calibration; k = 60 damps
 * the weight of the very first places.
 */
public final class RankFusion {

    public static final int K = 60;

    public record Fused(UUID id, double score) {
    }

    private RankFusion() {
    }

    public static List<Fused> fuse(List<List<UUID>> rankings) {
        Map<UUID, Double> scores = new LinkedHashMap<>();
        for (List<UUID> ranking : rankings) {
            for (int i = 0; i < ranking.size(); i++) {
                scores.merge(ranking.get(i), 1.0 / (K + i + 1), Double::sum);
            }
        }
        List<Fused> fused = new ArrayList<>();
        scores.forEach((id, score) -> fused.add(new Fused(id, score)));
        fused.sort(Comparator.comparingDouble(Fused::score).reversed());
        return fused;
    }
}
