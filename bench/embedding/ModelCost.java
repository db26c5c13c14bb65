import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.castiel.search.internal.BatchedEncoder;

/**
 * The model's share of a shard's embedding CPU: the CPU time of the calling thread (ONNX with one
 * intra-op thread runs on it) to embed the text Castiel embeds for a vendor shard (header + field
 * line: one chunk, no sentence rows), one text per ONNX run and in runs of 64, for each local
 * model (e5 with its "passage: " prefix). Not part of the test run; see bench/README.md, "Embedding cost (issue 23, point 3)":
 *
 *   mvn -B -q package -DskipTests -Dskip.web=true
 *   unzip -q -o server/target/castiel-server.jar 'BOOT-INF/lib/*' -d /tmp/castiel-lib
 *   nice -n 10 java -cp "server/target/classes:/tmp/castiel-lib/BOOT-INF/lib/*" bench/embedding/ModelCost.java [texts, default 2000]
 */
public class ModelCost {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        List<String> texts = new ArrayList<>();
        String[] regions = {"EU", "US", "APAC", "LATAM", "MEA"};
        for (int i = 1; i <= n; i++) {
            long h = (i * 2654435761L) & 0xffffffffL;
            texts.add("vendors: Vendor " + i + "\nrating: " + (1 + ((h >> 8) % 5)) + "; region: " + regions[(int) ((h >> 16) % 5)]
                    + "; notes: Notes for vendor " + i + ": reliable supplier, net-30 terms, contact via the portal.");
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (String model : List.of("all-minilm-l6-v2", "all-minilm-l6-v2-q", "e5-small-v2-q")) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            try (InputStream onnx = resource("/" + model + ".onnx"); InputStream vocabulary = resource("/" + model + "-tokenizer.json");
                    OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                try (OrtSession session = environment.createSession(onnx.readAllBytes(), options);
                        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(vocabulary, Map.of("padding", "false"))) {
                    for (int batchTokens : new int[] {1, 64 * 48}) {
                        BatchedEncoder encoder = new BatchedEncoder(environment, session, tokenizer, batchTokens);
                        // e5 embeds a stored text after "passage: ", as the server sends it
                        List<String> input = model.startsWith("e5") ? texts.stream().map(t -> "passage: " + t).toList() : texts;
                        long[][] ids = encoder.tokenize(input);
                        encoder.embed(java.util.Arrays.copyOf(ids, Math.min(200, ids.length)));   // warm-up
                        long tokenizeStart = cpu.getCurrentThreadCpuTime();
                        encoder.tokenize(input);
                        long start = cpu.getCurrentThreadCpuTime();
                        encoder.embed(ids);
                        long end = cpu.getCurrentThreadCpuTime();
                        double tokens = java.util.Arrays.stream(ids).mapToInt(a -> a.length).average().orElse(0);
                        System.out.printf("%-20s %s: tokenize %.3f ms, inference %.2f ms CPU per text (%d texts, %.0f tokens each)%n", model,
                                batchTokens == 1 ? "one text per run" : "runs of 64 texts", (start - tokenizeStart) / 1e6 / n,
                                (end - start) / 1e6 / n, n, tokens);
                    }
                }
            }
        }
    }

    private static InputStream resource(String name) {
        InputStream stream = BatchedEncoder.class.getResourceAsStream(name);
        if (stream == null) {
            throw new IllegalStateException(name + " is not on the class path");
        }
        return stream;
    }
}
