package io.castiel.search.internal;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Runs a BERT sentence encoder (all-MiniLM-L6-v2, either precision) over several texts in one
 * ONNX call: the texts are tokenized, ordered by length, and each batch is padded to its longest
 * text with an attention mask, so the padding changes no vector; the vector of a text is the mean
 * of its tokens' last hidden states (special tokens included, as LangChain4j's encoder does),
 * normalized. One call per batch instead of one per text: the session's fixed cost per run
 * (input binding, the graph walk, small matrix products that use the core badly) is paid once.
 *
 * <p>Texts longer than the model's window are not handled here ({@link #fits}): LangChain4j's
 * encoder embeds them in windows and averages.
 */
public final class BatchedEncoder {

    /** Positions of the model, special tokens included. */
    static final int MAX_TOKENS = 512;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;
    private final int maxBatchTokens;

    /**
     * @param maxBatchTokens a batch holds at most this many positions (texts times the longest),
     *        so one long text does not pad a batch of short ones far out, and memory stays bounded
     */
    public BatchedEncoder(OrtEnvironment environment, OrtSession session, HuggingFaceTokenizer tokenizer, int maxBatchTokens) {
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.maxBatchTokens = maxBatchTokens;
        Set<String> inputs = session.getInputNames();
        this.typeIds = inputs.contains("token_type_ids");
    }

    /** The texts' token ids with the special tokens, unpadded. */
    public long[][] tokenize(List<String> texts) {
        long[][] ids = new long[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            Encoding encoding = tokenizer.encode(texts.get(i), true, false);
            ids[i] = encoding.getIds();
        }
        return ids;
    }

    /** Whether a tokenized text fits the model's window. */
    public static boolean fits(long[] ids) {
        return ids.length <= MAX_TOKENS;
    }

    /** Normalized vectors of the tokenized texts (each must {@link #fits}), in their order. */
    public float[][] embed(long[][] ids) throws OrtException {
        float[][] vectors = new float[ids.length][];
        for (List<Integer> batch : batches(ids)) {
            run(ids, batch, vectors);
        }
        return vectors;
    }

    /** The texts (their indexes) of each ONNX run: ordered by length, at most {@code maxBatchTokens} positions a run. */
    public List<List<Integer>> batches(long[][] ids) {
        Integer[] order = IntStream.range(0, ids.length).boxed().sorted(Comparator.comparingInt(i -> ids[i].length)).toArray(Integer[]::new);
        List<List<Integer>> batches = new ArrayList<>();
        int start = 0;
        while (start < order.length) {
            int end = start + 1;
            // sorted by length: the last text of a batch is its longest
            while (end < order.length && (long) (end - start + 1) * ids[order[end]].length <= maxBatchTokens) {
                end++;
            }
            batches.add(List.of(order).subList(start, end));
            start = end;
        }
        return batches;
    }

    /** One ONNX run: the vectors of the batch's texts go to their places in {@code vectors}. */
    public void run(long[][] ids, List<Integer> batch, float[][] vectors) throws OrtException {
        int rows = batch.size();
        int length = ids[batch.get(rows - 1)].length;
        long[] inputIds = new long[rows * length];
        long[] mask = new long[rows * length];
        for (int r = 0; r < rows; r++) {
            long[] text = ids[batch.get(r)];
            System.arraycopy(text, 0, inputIds, r * length, text.length);
            Arrays.fill(mask, r * length, r * length + text.length, 1L);
        }
        long[] shape = {rows, length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(inputIds), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (typeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[rows * length]), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                int dimensions = hidden.capacity() / (rows * length);
                for (int r = 0; r < rows; r++) {
                    int tokens = ids[batch.get(r)].length;
                    float[] vector = new float[dimensions];
                    for (int t = 0; t < tokens; t++) {
                        int offset = (r * length + t) * dimensions;
                        for (int d = 0; d < dimensions; d++) {
                            vector[d] += hidden.get(offset + d);
                        }
                    }
                    double norm = 0;
                    for (int d = 0; d < dimensions; d++) {
                        vector[d] /= tokens;
                        norm += vector[d] * vector[d];
                    }
                    float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 1f;
                    for (int d = 0; d < dimensions; d++) {
                        vector[d] *= scale;
                    }
                    vectors[batch.get(r)] = vector;
                }
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }
}
