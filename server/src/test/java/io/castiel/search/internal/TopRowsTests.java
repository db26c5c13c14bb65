package io.castiel.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class TopRowsTests {

    @Test
    void theHighestScoresComeBestFirstAsAFullSortWouldOrderThem() {
        Random random = new Random(11);
        for (int n : new int[] {0, 1, 7, 200, 5_000}) {
            float[] scores = new float[n];
            for (int i = 0; i < n; i++) {
                // few distinct values, so that ties are common
                scores[i] = random.nextInt(50) / 50f;
            }
            for (int limit : new int[] {1, 10, 200, 6_000}) {
                int[] expected = IntStream.range(0, n).boxed()
                        .sorted(Comparator.<Integer>comparingDouble(row -> -scores[row]).thenComparingInt(row -> row))
                        .limit(limit).mapToInt(Integer::intValue).toArray();
                assertThat(TopRows.of(scores, limit)).as("n %d limit %d", n, limit).containsExactly(expected);
            }
        }
    }

    @Test
    void noLimitMeansNoRows() {
        assertThat(TopRows.of(new float[] {0.5f, 0.7f}, 0)).isEmpty();
    }
}
