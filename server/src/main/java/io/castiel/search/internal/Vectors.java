package io.castiel.search.internal;

import java.util.List;

/** Vector arithmetic on embeddings. */
public final class Vectors {

    private Vectors() {
    }

    public static float[] normalized(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        float[] unit = new float[vector.length];
        if (norm == 0) {
            return unit;
        }
        for (int i = 0; i < vector.length; i++) {
            unit[i] = (float) (vector[i] / norm);
        }
        return unit;
    }

    /**
     * {@code vector} (unit length) less {@code share} of {@code direction} (unit length), normalized;
     * {@code vector} itself when there is no direction or share.
     */
    public static float[] withoutDirection(float[] vector, float[] direction, double share) {
        if (direction == null || share == 0) {
            return vector;
        }
        float[] result = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            result[i] = (float) (vector[i] - share * direction[i]);
        }
        return normalized(result);
    }

    /** The normalized mean: a shard's direction as a whole, from its chunks'. */
    public static float[] centroid(List<float[]> vectors) {
        float[] sum = new float[vectors.get(0).length];
        for (float[] vector : vectors) {
            float[] unit = normalized(vector);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += unit[i];
            }
        }
        return normalized(sum);
    }

    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
