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
    private final UUID d = UUID.randomUUID();

    @Test
    void eachListIsScaledFromItsLowestToItsBestAndAShardInBothListsAddsUp() {
        List<ScoreFusion.Fused> fused = ScoreFusion.fuse(
                List.of(new ScoreFusion.Scored(b, 12.0), new ScoreFusion.Scored(c, 7.0), new ScoreFusion.Scored(d, 2.0)),
                List.of(new ScoreFusion.Scored(a, 0.8), new ScoreFusion.Scored(b, 0.6), new ScoreFusion.Scored(d, 0.4)));

        double k = ScoreFusion.KEYWORD_WEIGHT;
        assertThat(fused.stream().map(ScoreFusion.Fused::id)).containsExactly(a, b, c, d);
        assertThat(fused.get(0).score()).isCloseTo(1 - k, within(1e-9));
        assertThat(fused.get(1).score()).isCloseTo(k + (1 - k) * 0.5, within(1e-9));
        assertThat(fused.get(2).score()).isCloseTo(k * 0.5, within(1e-9));
        assertThat(fused.get(3).score()).isCloseTo(0, within(1e-9));
    }

    @Test
    void similaritiesInANarrowBandStillOrderTheSemanticCandidates() {
        // A model whose similarities all lie between 0.80 and 0.84: divided by the best alone they
        // would all count about the same, and the keyword list alone would decide.
        List<ScoreFusion.Fused> fused = ScoreFusion.fuse(
                List.of(new ScoreFusion.Scored(c, 9.0), new ScoreFusion.Scored(b, 8.0), new ScoreFusion.Scored(a, 1.0)),
                List.of(new ScoreFusion.Scored(a, 0.84), new ScoreFusion.Scored(b, 0.82), new ScoreFusion.Scored(c, 0.80)));

        assertThat(fused.get(0).id()).as("the semantic list's clear best, weak on keywords").isEqualTo(a);
    }

    @Test
    void anEmptyListLeavesTheOtherInItsOrderAndALoneCandidateCountsFully() {
        List<ScoreFusion.Fused> fused = ScoreFusion.fuse(List.of(),
                List.of(new ScoreFusion.Scored(c, 0.7), new ScoreFusion.Scored(a, 0.5), new ScoreFusion.Scored(b, -0.1)));
        List<ScoreFusion.Fused> alone = ScoreFusion.fuse(List.of(new ScoreFusion.Scored(d, 3.0)), List.of());

        assertThat(fused.stream().map(ScoreFusion.Fused::id)).containsExactly(c, a, b);
        assertThat(alone.get(0).score()).isCloseTo(ScoreFusion.KEYWORD_WEIGHT, within(1e-9));
    }
}
