package io.castiel.search.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products with the Vector API, in the widest registers the CPU has. One accumulator is
 * enough: a scan of a tenant's rows waits on memory, not on the multiply-adds (four measured no
 * faster). Only loaded where {@code jdk.incubator.vector} was added to the JVM.
 */
final class SimdDotProduct implements DotProduct {

    /** A constant, so that the JIT compiles the loop for one register width. */
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    @Override
    public float dot(float[] rows, int offset, float[] query) {
        int dim = query.length;
        int lanes = SPECIES.length();
        FloatVector sum = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i <= dim - lanes; i += lanes) {
            sum = FloatVector.fromArray(SPECIES, rows, offset + i).fma(FloatVector.fromArray(SPECIES, query, i), sum);
        }
        float dot = sum.reduceLanes(VectorOperators.ADD);
        for (; i < dim; i++) {
            dot += rows[offset + i] * query[i];
        }
        return dot;
    }

    /** Floats per register on this CPU, for the log. */
    static int lanes() {
        return SPECIES.length();
    }
}
