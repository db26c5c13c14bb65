package io.castiel.search.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Search and AI configuration ({@code castiel.ai.*}).
 *
 * @param embedding the embedding processor: {@code workers} threads drain the backlog, each
 *        claiming up to {@code batchSize} shards at a time; chunks hold at most {@code chunkWords}
 *        words and repeat the previous chunk's last {@code chunkOverlap}; a shard whose embedding
 *        fails {@code maxAttempts} times is marked {@code failed}; {@code poll} is how often an idle
 *        worker looks for other nodes' backlog
 * @param index {@code type}: {@code auto} (pgvector where V16 could set it up, else in memory),
 *        {@code memory} or {@code pgvector}; {@code memoryMaxChunks} bounds the vectors kept in
 *        memory across tenants; {@code efSearch}: HNSW candidate list size (recall vs speed)
 * @param chat an OpenAI-compatible chat model for {@code POST /ask} ({@code baseUrl}, e.g.
 *        {@code https://api.openai.com/v1} or {@code http://localhost:11434/v1} for Ollama,
 *        {@code model}, {@code apiKey}); without {@code baseUrl} answers are extractive
 */
@ConfigurationProperties("castiel.ai")
public record AiProperties(@DefaultValue Embedding embedding, @DefaultValue Index index, @DefaultValue Chat chat) {

    public record Embedding(
            @DefaultValue("1") int workers,
            @DefaultValue("64") int batchSize,
            @DefaultValue("150") int chunkWords,
            @DefaultValue("30") int chunkOverlap,
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("5s") Duration poll) {

        public Embedding {
            if (workers < 1 || batchSize < 1 || chunkWords < 20 || chunkOverlap < 0 || chunkOverlap >= chunkWords / 2 || maxAttempts < 1) {
                throw new IllegalArgumentException("castiel.ai.embedding: workers and batch-size at least 1, chunk-words at least 20, "
                        + "chunk-overlap below half of chunk-words, max-attempts at least 1");
            }
        }
    }

    public record Index(
            @DefaultValue("auto") String type,
            @DefaultValue("2000000") long memoryMaxChunks,
            @DefaultValue("100") int efSearch) {

        public Index {
            if (!type.equals("auto") && !type.equals("memory") && !type.equals("pgvector")) {
                throw new IllegalArgumentException("castiel.ai.index.type must be auto, memory or pgvector");
            }
        }
    }

    public record Chat(
            String baseUrl,
            String model,
            String apiKey,
            @DefaultValue("60s") Duration timeout,
            @DefaultValue("0.0") double temperature,
            @DefaultValue("800") int maxTokens) {

        public boolean configured() {
            return baseUrl != null && !baseUrl.isBlank();
        }
    }
}
