package io.castiel.search.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * The embedding model, loaded once per node: all-MiniLM-L6-v2 (384 dimensions) in ONNX from its
 * Maven artifact, on the CPU, with no network. It runs on the calling worker thread; the worker
 * pool's size is the parallelism (ONNX Runtime itself already uses the cores for one batch).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AiProperties.class)
class EmbeddingConfiguration {

    static final String MODEL = "all-minilm-l6-v2";
    static final int DIMENSIONS = 384;

    @Bean
    EmbeddingModel embeddingModel() {
        return new AllMiniLmL6V2EmbeddingModel(Runnable::run);
    }
}
