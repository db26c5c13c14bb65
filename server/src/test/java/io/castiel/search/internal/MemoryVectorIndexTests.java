package io.castiel.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class MemoryVectorIndexTests {

    @Test
    void dotProductOfARowMatchesTheTextbookSumForFullAndPartialBlocks() {
        Random random = new Random(7);
        for (int dim : new int[] {384, 13, 3}) {
            float[] query = new float[dim];
            float[] flat = new float[dim * 3];
            for (int i = 0; i < dim; i++) {
                query[i] = random.nextFloat() - 0.5f;
            }
            for (int i = 0; i < flat.length; i++) {
                flat[i] = random.nextFloat() - 0.5f;
            }
            for (int row = 0; row < 3; row++) {
                double expected = 0;
                for (int i = 0; i < dim; i++) {
                    expected += (double) flat[row * dim + i] * query[i];
                }
                assertThat(MemoryVectorIndex.dot(flat, row * dim, query, dim)).as("dim %d row %d", dim, row).isCloseTo(expected, within(1e-4));
            }
        }
    }
}
