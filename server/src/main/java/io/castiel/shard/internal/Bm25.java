package io.castiel.shard.internal;

/**
 * The constants and the word rarity of Okapi BM25 (Robertson and Zaragoza, 2009), as keyword
 * search ranks with it (ShardSearch): the usual k1 and b, and the inverse document frequency that
 * stays positive for a word in most of the shards.
 */
public final class Bm25 {

    /** How fast repeating a word stops counting. */
    public static final double K1 = 1.2;
    /** How much a shard's length against the mean lowers its score. */
    public static final double B = 0.75;

    private Bm25() {
    }

    /** The rarity of a word in {@code df} of {@code documents} shards: ln(1 + (N - df + 0.5) / (df + 0.5)). */
    public static double idf(long documents, long df) {
        long n = Math.max(documents, df);
        return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }
}
