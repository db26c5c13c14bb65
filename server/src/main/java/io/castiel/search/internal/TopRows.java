package io.castiel.search.internal;

/**
 * The rows with the highest scores, best first: a bounded min-heap of row numbers over a score
 * array, so that selecting the best few hundred of 20k rows creates no object per row.
 */
final class TopRows {

    private TopRows() {
    }

    /** The at most {@code limit} rows of {@code scores} with the highest scores, best first (ties: lower row first). */
    static int[] of(float[] scores, int limit) {
        int size = Math.min(limit, scores.length);
        if (size <= 0) {
            return new int[0];
        }
        // heap[0] is the worst row kept.
        int[] heap = new int[size];
        int held = 0;
        for (int row = 0; row < scores.length; row++) {
            if (held < size) {
                heap[held] = row;
                siftUp(heap, held++, scores);
            } else if (worse(heap[0], row, scores)) {
                heap[0] = row;
                siftDown(heap, 0, held, scores);
            }
        }
        // Taking the worst off one by one fills the array from its end: best first.
        int[] best = new int[held];
        for (int i = held - 1; i >= 0; i--) {
            best[i] = heap[0];
            heap[0] = heap[--held];
            siftDown(heap, 0, held, scores);
        }
        return best;
    }

    /** Whether row {@code a} ranks below row {@code b}. */
    private static boolean worse(int a, int b, float[] scores) {
        return scores[a] < scores[b] || (scores[a] == scores[b] && a > b);
    }

    private static void siftUp(int[] heap, int at, float[] scores) {
        int row = heap[at];
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!worse(row, heap[parent], scores)) {
                break;
            }
            heap[at] = heap[parent];
            at = parent;
        }
        heap[at] = row;
    }

    private static void siftDown(int[] heap, int at, int size, float[] scores) {
        int row = heap[at];
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && worse(heap[child + 1], heap[child], scores)) {
                child++;
            }
            if (!worse(heap[child], row, scores)) {
                break;
            }
            heap[at] = heap[child];
            at = child;
        }
        heap[at] = row;
    }
}
