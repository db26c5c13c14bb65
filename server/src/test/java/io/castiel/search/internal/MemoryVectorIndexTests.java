package io.castiel.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MemoryVectorIndexTests {

    @Test
    void dotProductsOfARowMatchTheTextbookSumForFullAndPartialBlocks() {
        assertThat(DotProduct.vectorApiEnabled()).as("the tests run with --add-modules jdk.incubator.vector (server/pom.xml)").isTrue();
        assertThat(DotProduct.fastest()).isInstanceOf(SimdDotProduct.class);
        for (DotProduct dotProduct : new DotProduct[] {new ScalarDotProduct(), new SimdDotProduct()}) {
            Random random = new Random(7);
            for (int dim : new int[] {384, 37, 13, 3}) {
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
                    assertThat((double) dotProduct.dot(flat, row * dim, query)).as("%s dim %d row %d", dotProduct.getClass().getSimpleName(), dim, row)
                            .isCloseTo(expected, within(1e-4));
                }
            }
        }
    }

    @Test
    void vectorsReadInPostgresqlsBinaryFormatsKeepTheirFloats() {
        float[] expected = {0.25f, -1.5f, 3.0e-8f};
        ByteBuffer vector = ByteBuffer.allocate(4 + 4 * expected.length).putShort((short) expected.length).putShort((short) 0);
        ByteBuffer array = ByteBuffer.allocate(20 + 8 * expected.length).putInt(1).putInt(0).putInt(700).putInt(expected.length).putInt(1);
        for (float value : expected) {
            vector.putFloat(value);
            array.putInt(4).putFloat(value);
        }

        assertThat(Chunks.binaryVector(vector.array())).containsExactly(expected);
        assertThat(Chunks.binaryFloats(array.array())).containsExactly(expected);
        assertThat(Chunks.binaryFloats(ByteBuffer.allocate(12).putInt(0).putInt(0).putInt(700).array())).isEmpty();
    }
}
