package io.castiel.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RankFusionTests {

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();

    @Test
    void aDocumentHighInBothRankingsBeatsOneFirstInOnlyOne() {
        List<RankFusion.Fused> fused = RankFusion.fuse(List.of(List.of(a, b), List.of(c, b)));

        assertThat(fused.get(0).id()).isEqualTo(b);
        assertThat(fused.get(0).score()).isEqualTo(2.0 / 62);
        assertThat(fused.stream().map(RankFusion.Fused::id)).containsExactlyInAnyOrder(a, b, c);
    }

    @Test
    void oneRankingKeepsItsOrder() {
        assertThat(RankFusion.fuse(List.of(List.of(c, a, b), List.of())).stream().map(RankFusion.Fused::id)).containsExactly(c, a, b);
    }
}
