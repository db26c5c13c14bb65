package io.castiel.search.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;

/**
 * The embedding model, made once per node. By default all-MiniLM-L6-v2 (384 dimensions) in ONNX
 * from its Maven artifact, on the CPU, with no network; it runs on the calling worker thread, so
 * the worker pool's size is the parallelism (ONNX Runtime already spreads one inference over the
 * cores). With {@code castiel.ai.embedding.base-url}: an OpenAI-compatible endpoint instead.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AiProperties.class)
class EmbeddingConfiguration {

    static final int DIMENSIONS = 384;
    static final String LOCAL_MODEL = "all-minilm-l6-v2";

    @Bean
    EmbeddingModel embeddingModel(AiProperties properties) {
        AiProperties.Embedding embedding = properties.embedding();
        if (!embedding.remote()) {
            return new AllMiniLmL6V2EmbeddingModel(Runnable::run);
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

    /** Stored with each shard's content hash: another model re-embeds. */
    @Bean
    EmbeddingModelName embeddingModelName(AiProperties properties) {
        AiProperties.Embedding embedding = properties.embedding();
        return new EmbeddingModelName(embedding.remote() ? "remote:" + embedding.model() : LOCAL_MODEL);
    }
}
