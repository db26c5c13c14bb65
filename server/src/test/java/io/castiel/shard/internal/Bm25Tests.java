package io.castiel.shard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class Bm25Tests {

    @Test
    void aRarerWordWeighsMoreAndAWordInEveryShardStillAFewHundredths() {
        assertThat(Bm25.idf(1000, 1)).isCloseTo(Math.log(1 + 999.5 / 1.5), within(1e-12));
        assertThat(Bm25.idf(1000, 1)).isGreaterThan(Bm25.idf(1000, 10)).isGreaterThan(Bm25.idf(1000, 500));
        assertThat(Bm25.idf(1000, 1000)).isPositive().isLessThan(0.001);
    }

    @Test
    void countsCappedBelowTheWordsFrequencyNeverGoNegative() {
        // The tenant's shards and a word's shards are both counted up to a cap.
        assertThat(Bm25.idf(20_000, 20_000)).isPositive();
        assertThat(Bm25.idf(100, 150)).isPositive();
    }
}
