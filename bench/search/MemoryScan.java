import java.util.Random;

/**
 * The in-memory vector index's inner loop (MemoryVectorIndex.nearest, without the top-k heap) over
 * n random rows of 384 floats: what one exact semantic search costs at a tenant's row count.
 * java bench/search/MemoryScan.java [rows ...]   (default: 20000 190000)
 */
public class MemoryScan {

    public static void main(String[] args) {
        int dim = 384;
        Random random = new Random(1);
        int[] sizes = args.length == 0 ? new int[] {20_000, 190_000} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (int n : sizes) {
            float[] flat = new float[n * dim];
            for (int i = 0; i < flat.length; i++) {
                flat[i] = (float) random.nextGaussian();
            }
            float[] query = new float[dim];
            for (int i = 0; i < dim; i++) {
                query[i] = (float) random.nextGaussian();
            }
            double sink = 0;
            long best = Long.MAX_VALUE;
            for (int rep = 0; rep < 30; rep++) {
                long started = System.nanoTime();
                for (int row = 0; row < n; row++) {
                    int offset = row * dim;
                    double dot = 0;
                    for (int i = 0; i < dim; i++) {
                        dot += flat[offset + i] * query[i];
                    }
                    sink += dot;
                }
                best = Math.min(best, System.nanoTime() - started);
            }
            System.out.printf("%d rows: best %.1f ms per scan of 30 (checksum sign %s)%n", n, best / 1e6, sink > 0 ? "+" : "-");
        }
    }
}
