package io.castiel.search.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Search and AI configuration ({@code castiel.ai.*}).
 *
 * @param embedding the embedding processor: {@code workers} threads drain the backlog, each
 *        claiming up to {@code batchSize} shards at a time ({@code workers=0}, server mode only: the
 *        node still queues its writes' embedding work in the shared {@code embedding_queue} and
 *        serves search, but embeds nothing itself, leaving the backlog to nodes with workers; an
 *        embedded-mode node is the only one, so it refuses to start with 0); chunks hold at most {@code chunkWords}
 *        words and repeat the previous chunk's last {@code chunkOverlap}; a shard whose embedding
 *        fails {@code maxAttempts} times is marked {@code failed}; {@code poll} is how often an idle
 *        worker looks for other nodes' backlog; {@code inferenceThreads}: ONNX threads per inference
 *        of the local model; {@code queryCacheSize}: search queries whose embedding is kept (a page
 *        of results, the next page and a repeated search embed their query once); with
 *        {@code sentenceVectors} a chunk of several sentences also stores one vector per sentence,
 *        and the shards a search finds by their chunks are ranked by their closest chunk or sentence;
 *        {@code localModel}: {@code all-minilm-l6-v2-q} (int8, the default), {@code all-minilm-l6-v2}
 *        (full precision) or {@code e5-small-v2-q} (e5-small-v2, int8); {@code batchTokens}: positions (texts times the longest) of one ONNX
 *        run of the local model, 0 for the model's own default (see
 *        {@link EmbeddingConfiguration.LocalModelFiles}); workers wait while this node serves
 *        {@code yieldToRequests} HTTP requests at once or more on average (0: never), but
 *        embed a batch at least every {@code maxDeferral} (see {@link RequestsFirst})
 * @param index {@code type}: {@code auto} (pgvector where V16 could set it up, else in memory),
 *        {@code memory} or {@code pgvector}; {@code memoryMaxChunks} bounds the vectors kept in
 *        memory across tenants; {@code efSearch}: HNSW candidate list size (recall vs speed);
 *        {@code hubnessCorrection}: how much of the tenant's mean vector direction is taken off a
 *        search's query vector (0 turns it off), so that generic texts, close to every question,
 *        stop crowding out the one that answers it (applied with {@code sentenceVectors} only:
 *        over chunk vectors alone it lowered recall on the evaluation set)
 * @param chat an OpenAI-compatible chat model for {@code POST /ask} ({@code baseUrl}, e.g.
 *        {@code https://api.openai.com/v1} or {@code http://localhost:11434/v1} for Ollama,
 *        {@code model}, {@code apiKey}; {@code apiKeyHeader}/{@code apiVersion} as for embeddings);
 *        without {@code baseUrl} answers are extractive
 * @param search how many searches run at once, see {@link Search}
 */
@ConfigurationProperties("castiel.ai")
public record AiProperties(@DefaultValue Embedding embedding, @DefaultValue Index index, @DefaultValue Chat chat, @DefaultValue Search search) {

    /**
     * How many searches (and answers, and related-shard lookups) run at once on this node:
     * {@code maxConcurrent}, 0 for one more than the JVM has processors (the in-memory index) or four
     * times that (pgvector, whose searches mostly wait on the database); the others wait their turn
     * in arrival order for at most {@code queueTimeout}, then get 503.
     */
    public record Search(@DefaultValue("0") int maxConcurrent, @DefaultValue("10s") Duration queueTimeout) {

        public Search {
            if (maxConcurrent < 0) {
                throw new IllegalArgumentException("castiel.ai.search.max-concurrent must be 0 (automatic) or more");
            }
            if (queueTimeout.isNegative()) {
                throw new IllegalArgumentException("castiel.ai.search.queue-timeout must not be negative");
            }
        }
    }

    /**
     * {@code baseUrl} (with {@code model}, {@code apiKey}) switches from the local model to an
     * OpenAI-compatible {@code /embeddings} endpoint, asked for 384 dimensions (what the vector
     * column holds; OpenAI's text-embedding-3 models can shorten to it). Azure OpenAI: the
     * deployment URL as {@code baseUrl}, {@code apiKeyHeader=api-key}, {@code apiVersion}.
     */
    public record Embedding(
            @DefaultValue("1") int workers,
            @DefaultValue("64") int batchSize,
            @DefaultValue("150") int chunkWords,
            @DefaultValue("30") int chunkOverlap,
            @DefaultValue("true") boolean sentenceVectors,
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("5s") Duration poll,
            String baseUrl,
            String model,
            String apiKey,
            String apiKeyHeader,
            String apiVersion,
            @DefaultValue("30s") Duration timeout,
            @DefaultValue("1") int inferenceThreads,
            @DefaultValue("10000") int queryCacheSize,
            @DefaultValue(EmbeddingConfiguration.QUANTIZED_MODEL) String localModel,
            @DefaultValue("0") int batchTokens,
            @DefaultValue("2.0") double yieldToRequests,
            @DefaultValue("30s") Duration maxDeferral) {

        public Embedding {
            if (!(yieldToRequests >= 0) || maxDeferral.isNegative()) {
                throw new IllegalArgumentException("castiel.ai.embedding: yield-to-requests at least 0 (0: never wait), "
                        + "max-deferral not negative");
            }
            if (inferenceThreads < 1 || queryCacheSize < 0 || batchTokens < 0) {
                throw new IllegalArgumentException("castiel.ai.embedding: inference-threads at least 1, query-cache-size at least 0, "
                        + "batch-tokens at least 0 (automatic)");
            }
            if (workers < 0 || batchSize < 1 || chunkWords < 20 || chunkOverlap < 0 || chunkOverlap >= chunkWords / 2 || maxAttempts < 1) {
                throw new IllegalArgumentException("castiel.ai.embedding: workers at least 0 (0: server mode only), batch-size at least 1, "
                        + "chunk-words at least 20, chunk-overlap below half of chunk-words, max-attempts at least 1");
            }
            EmbeddingConfiguration.LocalModelFiles.of(localModel);
            if (remote(baseUrl) && (model == null || model.isBlank())) {
                throw new IllegalArgumentException("castiel.ai.embedding.model is required with castiel.ai.embedding.base-url");
            }
        }

        public boolean remote() {
            return remote(baseUrl);
        }

        private static boolean remote(String baseUrl) {
            return baseUrl != null && !baseUrl.isBlank();
        }
    }

    public record Index(
            @DefaultValue("auto") String type,
            @DefaultValue("2000000") long memoryMaxChunks,
            @DefaultValue("200") int efSearch,
            @DefaultValue("0.4") double hubnessCorrection) {

        public Index {
            if (!type.equals("auto") && !type.equals("memory") && !type.equals("pgvector")) {
                throw new IllegalArgumentException("castiel.ai.index.type must be auto, memory or pgvector");
            }
            if (!(hubnessCorrection >= 0 && hubnessCorrection < 1)) {
                throw new IllegalArgumentException("castiel.ai.index.hubness-correction must be at least 0 and below 1");
            }
        }
    }

    public record Chat(
            String baseUrl,
            String model,
            String apiKey,
            String apiKeyHeader,
            String apiVersion,
            @DefaultValue("60s") Duration timeout,
            @DefaultValue("0.0") double temperature,
            @DefaultValue("800") int maxTokens) {

        public boolean configured() {
            return baseUrl != null && !baseUrl.isBlank();
        }
    }
}
