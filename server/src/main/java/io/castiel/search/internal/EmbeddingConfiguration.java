package io.castiel.search.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;

/**
 * The embedding model, made once per node. By default all-MiniLM-L6-v2 quantized to int8 (384
 * dimensions; {@code castiel.ai.embedding.local-model}, or the full-precision model) in ONNX from
 * its Maven artifact, on the CPU, with no network: it costs half the CPU of the full-precision
 * model per text, and on the evaluation set its hybrid recall@5 is no lower. It runs on the
 * calling thread (an embedding worker, or a search request embedding its query) with
 * {@code inference-threads} ONNX threads per inference (default 1): ONNX Runtime's default, one thread per core for every inference, made a
 * background worker take every core from the requests and made concurrent query embeddings fight
 * over them. With {@code castiel.ai.embedding.base-url}: an OpenAI-compatible endpoint instead.
 *
 * <p>The local model is loaded by the first embedding (a worker's, or a search's query), which
 * waits for it: loading it takes seconds of CPU that the start would otherwise spend before the
 * server could answer anything. It is not loaded in the background after the start, which would
 * make every stop soon after a start wait for the load. ONNX Runtime releases its environment in a
 * shutdown hook of its own, alongside Spring's: the local model holds a reference on it and is
 * closed with the context only once no embedding runs ({@link OnnxEnvironmentHold}), so a JVM
 * stopped during an embedding or the load no longer crashes in native code.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AiProperties.class)
class EmbeddingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingConfiguration.class);
    static final int DIMENSIONS = 384;
    static final String LOCAL_MODEL = "all-minilm-l6-v2";
    static final String QUANTIZED_MODEL = "all-minilm-l6-v2-q";
    static final String E5_QUANTIZED_MODEL = "e5-small-v2-q";

    @Bean
    EmbeddingModel embeddingModel(AiProperties properties) {
        AiProperties.Embedding embedding = properties.embedding();
        if (!embedding.remote()) {
            LocalModelFiles files = LocalModelFiles.of(embedding.localModel());
            return new LocalModel(files, embedding.inferenceThreads(), embedding.batchTokens() > 0 ? embedding.batchTokens() : files.batchTokens());
        }
        RemoteAuth auth = RemoteAuth.of(embedding.apiKey(), embedding.apiKeyHeader(), embedding.apiVersion());
        return OpenAiEmbeddingModel.builder()
                .baseUrl(embedding.baseUrl())
                .modelName(embedding.model())
                .apiKey(auth.bearerKey())
                .customHeaders(auth.headers())
                .customQueryParams(auth.queryParams())
                .dimensions(DIMENSIONS)
                .timeout(embedding.timeout())
                .maxRetries(2)
                .build();
    }

    /**
     * The loaded model: LangChain4j's encoder (texts longer than the model's window), the batched
     * encoder over the same session, and what closing it gives back, in this order.
     */
    private record Loaded(OnnxBertBiEncoder encoder, BatchedEncoder batched, HuggingFaceTokenizer tokenizer, OrtSession session,
            OnnxEnvironmentHold.Held environment) {

        static Loaded load(LocalModelFiles files, int threads, int batchTokens) {
            OnnxEnvironmentHold.Held environment = OnnxEnvironmentHold.take();
            try (InputStream model = resource(files.model()); InputStream tokenizer = resource(files.tokenizer());
                    InputStream ownTokenizer = resource(files.tokenizer());
                    OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                OrtSession session = environment.environment().createSession(model.readAllBytes(), options);
                try {
                    // LangChain4j's encoder makes its tokenizer with these options: no padding, no truncation.
                    HuggingFaceTokenizer batchTokenizer = HuggingFaceTokenizer.newInstance(ownTokenizer, Map.of("padding", "false"));
                    return new Loaded(new OnnxBertBiEncoder(environment.environment(), session, tokenizer, PoolingMode.MEAN),
                            new BatchedEncoder(environment.environment(), session, batchTokenizer, batchTokens), batchTokenizer, session,
                            environment);
                } catch (RuntimeException e) {
                    session.close();
                    throw e;
                }
            } catch (IOException e) {
                environment.release();
                throw new UncheckedIOException("Could not read the " + files.name() + " model from its jar", e);
            } catch (OrtException e) {
                environment.release();
                throw new IllegalStateException("Could not load the " + files.name() + " model", e);
            } catch (RuntimeException e) {
                environment.release();
                throw e;
            }
        }

        /** Only once no inference runs on the session: the environment may be freed right after. */
        void close() {
            try {
                tokenizer.close();
                session.close();
            } catch (OrtException e) {
                log.warn("Could not close the embedding model's ONNX session", e);
            } finally {
                environment.release();
            }
        }
    }

    private static InputStream resource(String name) {
        InputStream stream = EmbeddingConfiguration.class.getResourceAsStream(name);
        if (stream == null) {
            throw new IllegalStateException(name + " is missing: its langchain4j-embeddings artifact is not in the jar");
        }
        return stream;
    }

    /**
     * The local models Castiel ships: the name stored with each embedding, the ONNX file and its
     * tokenizer, and how many positions (texts times the longest) one ONNX run takes by default.
     * Full precision: 4,096 (32 field lines of short records, or a few chunks of prose), where a
     * batch cost a fifth less CPU per text than one text per run. Quantized: 1, one text per run:
     * batches saved it nothing measurable, and its activations are quantized with one scale per
     * run, so in a batch a text's vector would depend on the texts beside it (cosine 0.99 instead
     * of 1 to the vector of the text alone).
     */
    record LocalModelFiles(String name, String model, String tokenizer, int batchTokens, EmbeddingPrefixes prefixes) {

        static LocalModelFiles of(String name) {
            return switch (name) {
                case LOCAL_MODEL -> new LocalModelFiles(name, "/all-minilm-l6-v2.onnx", "/all-minilm-l6-v2-tokenizer.json", 4096,
                        EmbeddingPrefixes.NONE);
                case QUANTIZED_MODEL -> new LocalModelFiles(name, "/all-minilm-l6-v2-q.onnx", "/all-minilm-l6-v2-q-tokenizer.json", 1,
                        EmbeddingPrefixes.NONE);
                // Trained with these prefixes: a text without one is embedded as neither.
                case E5_QUANTIZED_MODEL -> new LocalModelFiles(name, "/e5-small-v2-q.onnx", "/e5-small-v2-q-tokenizer.json", 1,
                        new EmbeddingPrefixes("query: ", "passage: "));
                default -> throw new IllegalArgumentException("castiel.ai.embedding.local-model must be " + QUANTIZED_MODEL + ", " + LOCAL_MODEL
                        + " or " + E5_QUANTIZED_MODEL);
            };
        }
    }

    /**
     * all-MiniLM-L6-v2 on an ONNX session configured here, loaded by the first embedding; the
     * texts of a call run in batches ({@link BatchedEncoder}) on the caller's thread.
     *
     * <p>Closed with the context (after the embedding workers and the web server have stopped): it
     * refuses new embeddings, waits for those running, then closes the session and gives back its
     * reference on ONNX Runtime's environment ({@link OnnxEnvironmentHold}). No inference or load
     * can then overlap the environment's teardown, which follows the last reference.
     */
    private static final class LocalModel extends AbstractInProcessEmbeddingModel implements AutoCloseable {

        private final LocalModelFiles files;
        private final int threads;
        private final int batchTokens;
        /** Held for reading by every embedding (and the load), for writing by {@link #close()}. */
        private final ReentrantReadWriteLock inference = new ReentrantReadWriteLock();
        private volatile boolean closed;
        private volatile Loaded loaded;

        LocalModel(LocalModelFiles files, int threads, int batchTokens) {
            super(Runnable::run);
            this.files = files;
            this.threads = threads;
            this.batchTokens = batchTokens;
        }

        /**
         * The texts in batches ({@link BatchedEncoder}), each batch under the read lock, so that
         * {@link #close()} waits for one ONNX run rather than a whole claim of shards; a text longer
         * than the model's window goes through LangChain4j's encoder, which embeds it in windows.
         */
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            List<String> texts = segments.stream().map(TextSegment::text).toList();
            BatchedEncoder batched = locked(() -> model() == null ? null : loaded.batched());
            long[][] ids = locked(() -> batched.tokenize(texts));
            float[][] vectors = new float[ids.length][];
            List<Integer> fitting = new ArrayList<>();
            int tokens = 0;
            for (int i = 0; i < ids.length; i++) {
                tokens += ids[i].length;
                if (BatchedEncoder.fits(ids[i])) {
                    fitting.add(i);
                } else {
                    TextSegment segment = segments.get(i);
                    vectors[i] = locked(() -> super.embedAll(List.of(segment)).content().get(0).vector());
                }
            }
            long[][] fittingIds = fitting.stream().map(i -> ids[i]).toArray(long[][]::new);
            float[][] fittingVectors = new float[fittingIds.length][];
            for (List<Integer> batch : batched.batches(fittingIds)) {
                locked(() -> {
                    try {
                        batched.run(fittingIds, batch, fittingVectors);
                    } catch (OrtException e) {
                        throw new IllegalStateException("The " + files.name() + " model failed", e);
                    }
                    return null;
                });
            }
            for (int i = 0; i < fitting.size(); i++) {
                vectors[fitting.get(i)] = fittingVectors[i];
            }
            List<Embedding> embeddings = new ArrayList<>(vectors.length);
            for (float[] vector : vectors) {
                embeddings.add(Embedding.from(vector));
            }
            return Response.from(embeddings, new TokenUsage(tokens));
        }

        private <T> T locked(java.util.function.Supplier<T> work) {
            inference.readLock().lock();
            try {
                if (closed) {
                    throw new IllegalStateException("The embedding model is closed: the node is stopping");
                }
                return work.get();
            } finally {
                inference.readLock().unlock();
            }
        }

        @Override
        protected OnnxBertBiEncoder model() {
            Loaded model = loaded;
            if (model != null) {
                return model.encoder();
            }
            synchronized (this) {
                if (loaded == null) {
                    long started = System.nanoTime();
                    loaded = Loaded.load(files, threads, batchTokens);
                    log.info("Loaded the {} embedding model in {} ms", files.name(), (System.nanoTime() - started) / 1_000_000);
                }
                return loaded.encoder();
            }
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }

        @Override
        public void close() {
            closed = true;
            // Waits for the texts being embedded (and a load) that started before; later ones throw.
            inference.writeLock().lock();
            try {
                Loaded model = loaded;
                loaded = null;
                if (model != null) {
                    model.close();
                }
            } finally {
                inference.writeLock().unlock();
            }
        }
    }

    /** What the local model wants before a query and a passage; nothing for a remote one. */
    @Bean
    EmbeddingPrefixes embeddingPrefixes(AiProperties properties) {
        AiProperties.Embedding embedding = properties.embedding();
        return embedding.remote() ? EmbeddingPrefixes.NONE : LocalModelFiles.of(embedding.localModel()).prefixes();
    }

    /** Stored with each shard's content hash: another model re-embeds. */
    @Bean
    EmbeddingModelName embeddingModelName(AiProperties properties) {
        AiProperties.Embedding embedding = properties.embedding();
        return new EmbeddingModelName(embedding.remote() ? "remote:" + embedding.model() : embedding.localModel());
    }
}
