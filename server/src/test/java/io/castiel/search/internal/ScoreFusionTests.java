package io.castiel.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ScoreFusionTests {

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();

    @Test
    void eachListsScoresCountAgainstItsBestAndAShardInBothListsAddsUp() {
        List<ScoreFusion.Fused> fused = ScoreFusion.fuse(
                List.of(new ScoreFusion.Scored(b, 12.0), new ScoreFusion.Scored(c, 6.0)),
                List.of(new ScoreFusion.Scored(a, 0.8), new ScoreFusion.Scored(b, 0.4)));

        assertThat(fused.stream().map(ScoreFusion.Fused::id)).containsExactly(a, b, c);
        double k = ScoreFusion.KEYWORD_WEIGHT;
        assertThat(fused.get(0).score()).isCloseTo(1 - k, within(1e-9));
        assertThat(fused.get(1).score()).isCloseTo(k + (1 - k) * 0.5, within(1e-9));
        assertThat(fused.get(2).score()).isCloseTo(k * 0.5, within(1e-9));
    }

    @Test
    void aWeakKeywordMatchDoesNotOvertakeAStrongSemanticOne() {
        // b is the keyword list's last and far below its best; a is the semantic list's best.
        List<ScoreFusion.Fused> fused = ScoreFusion.fuse(
                List.of(new ScoreFusion.Scored(c, 20.0), new ScoreFusion.Scored(b, 1.0)),
                List.of(new ScoreFusion.Scored(a, 0.9), new ScoreFusion.Scored(b, 0.85)));

        assertThat(fused.get(0).id()).isEqualTo(a);
    }

    @Test
    void anEmptyListLeavesTheOtherInItsOrder() {
        List<ScoreFusion.Fused> fused = ScoreFusion.fuse(List.of(),
                List.of(new ScoreFusion.Scored(c, 0.7), new ScoreFusion.Scored(a, 0.5), new ScoreFusion.Scored(b, -0.1)));

        assertThat(fused.stream().map(ScoreFusion.Fused::id)).containsExactly(c, a, b);
    }
}
