package io.castiel.search.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.castiel.platform.TenantContext;
import io.castiel.shard.Shard;
import io.castiel.shard.ShardSearch;

/**
 * Embeds one tenant's claimed shards: reads them and their types' {@code embedFields} (one
 * transaction; a shard whose type is not embedded loses its vectors, if any, and is {@code none}),
 * embeds the chunks of those whose text changed in one {@code embedAll} call outside
 * any transaction, then stores the chunks, marks the shards {@code ready} and clears their backlog
 * rows (another). A shard written again meanwhile keeps its newer row and is embedded again.
 */
@Component
class ShardEmbedder {

    private static final Logger log = LoggerFactory.getLogger(ShardEmbedder.class);

    /** What to do with one claimed shard: the texts to embed, a chunk's before its sentences. */
    private record Plan(EmbeddingQueue.Claimed row, Shard shard, String hash, List<Piece> chunks) {
    }

    /** A text to embed: a chunk ({@code sentenceOf} null) or a sentence of the chunk with that number. */
    private record Piece(Integer sentenceOf, String text) {
    }

    private final TenantContext tenants;
    private final ShardSearch shards;
    private final EmbeddingQueue queue;
    private final Chunks chunks;
    private final EmbeddingModel model;
    private final AiProperties properties;
    private final TextChunker chunker;
    private final EmbeddingModelName modelName;
    private final EmbeddingPrefixes prefixes;

    ShardEmbedder(TenantContext tenants, ShardSearch shards, EmbeddingQueue queue, Chunks chunks, EmbeddingModel model,
            AiProperties properties, EmbeddingModelName modelName, EmbeddingPrefixes prefixes) {
        this.modelName = modelName;
        this.prefixes = prefixes;
        this.tenants = tenants;
        this.shards = shards;
        this.queue = queue;
        this.chunks = chunks;
        this.model = model;
        this.properties = properties;
        this.chunker = new TextChunker(properties.embedding().chunkWords(), properties.embedding().chunkOverlap());
    }

    /** @return how many chunks were embedded */
    int process(UUID tenantId, List<EmbeddingQueue.Claimed> rows) {
        List<Plan> plans = tenants.inTenant(tenantId, () -> plan(tenantId, rows));
        List<TextSegment> segments = new ArrayList<>();
        plans.forEach(plan -> plan.chunks().forEach(chunk -> segments.add(TextSegment.from(prefixes.passage(chunk.text())))));
        List<Embedding> embeddings;
        try {
            embeddings = segments.isEmpty() ? List.of() : model.embedAll(segments).content();
            if (embeddings.size() != segments.size()) {
                throw new IllegalStateException("the embedding model returned " + embeddings.size() + " vectors for " + segments.size() + " chunks");
            }
            for (Embedding embedding : embeddings) {
                if (embedding.dimension() != EmbeddingConfiguration.DIMENSIONS) {
                    throw new IllegalStateException("the embedding model returned " + embedding.dimension() + " dimensions; Castiel stores "
                            + EmbeddingConfiguration.DIMENSIONS);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Embedding {} chunks of tenant {} failed", segments.size(), tenantId, e);
            tenants.inTenant(tenantId, () -> {
                plans.stream().filter(plan -> !plan.chunks().isEmpty()).forEach(plan -> failed(tenantId, plan));
                return null;
            });
            return 0;
        }
        tenants.inTenant(tenantId, () -> {
            int next = 0;
            for (Plan plan : plans) {
                if (plan.chunks().isEmpty()) {
                    continue;
                }
                List<Chunks.Chunk> stored = new ArrayList<>();
                for (int i = 0; i < plan.chunks().size(); i++) {
                    Piece piece = plan.chunks().get(i);
                    stored.add(new Chunks.Chunk(i, piece.sentenceOf(), piece.text(), Vectors.normalized(embeddings.get(next++).vector())));
                }
                chunks.replace(tenantId, plan.shard().id(), plan.hash(), modelName.value(), stored);
                shards.markEmbedding(tenantId, plan.shard().id(), plan.shard().revision(), Shard.EMBEDDING_READY);
                queue.done(plan.row());
            }
            return null;
        });
        return segments.size();
    }

    private List<Plan> plan(UUID tenantId, List<EmbeddingQueue.Claimed> rows) {
        Map<UUID, Shard> found = shards.forIndexing(tenantId, rows.stream().map(EmbeddingQueue.Claimed::shardId).toList()).stream()
                .collect(Collectors.toMap(Shard::id, Function.identity()));
        Map<String, List<String>> embedFields = new HashMap<>();
        Map<String, Boolean> embedded = new HashMap<>();
        List<Plan> plans = new ArrayList<>();
        for (EmbeddingQueue.Claimed row : rows) {
            Shard shard = found.get(row.shardId());
            if (shard == null || shard.status().equals("deleted")) {
                chunks.remove(tenantId, row.shardId());
                queue.done(row);
                continue;
            }
            if (!embedded.computeIfAbsent(shard.shardType(), type -> shards.embedded(tenantId, type))) {
                chunks.remove(tenantId, shard.id());
                shards.markEmbedding(tenantId, shard.id(), shard.revision(), Shard.EMBEDDING_NONE);
                queue.done(row);
                continue;
            }
            ShardText.Rendered text = ShardText.render(shard,
                    embedFields.computeIfAbsent(shard.shardType(), type -> shards.embedFields(tenantId, type)));
            String hash = hash(text.full());
            if (!row.force() && chunks.contentHash(tenantId, shard.id()).filter(hash::equals).isPresent()) {
                shards.markEmbedding(tenantId, shard.id(), shard.revision(), Shard.EMBEDDING_READY);
                queue.done(row);
                continue;
            }
            plans.add(new Plan(row, shard, hash, pieces(text)));
        }
        return plans;
    }

    /** The shard's chunks, each with the header, and after each chunk its own sentences (with the header too). */
    private List<Piece> pieces(ShardText.Rendered text) {
        List<String> bodies = chunker.split(text.body());
        if (bodies.isEmpty()) {
            return List.of(new Piece(null, text.header()));
        }
        List<Piece> pieces = new ArrayList<>();
        for (String body : bodies) {
            int chunkNo = pieces.size();
            pieces.add(new Piece(null, text.header() + "\n" + body));
            if (properties.embedding().sentenceVectors()) {
                TextChunker.ownSentences(body).forEach(sentence -> pieces.add(new Piece(chunkNo, text.header() + "\n" + sentence)));
            }
        }
        return pieces;
    }

    private void failed(UUID tenantId, Plan plan) {
        if (plan.row().attempts() >= properties.embedding().maxAttempts()) {
            shards.markEmbedding(tenantId, plan.shard().id(), plan.shard().revision(), Shard.EMBEDDING_FAILED);
            queue.done(plan.row());
        } else {
            queue.retryLater(plan.row(), 30 * plan.row().attempts());
        }
    }

    /** Identifies the embedded text and how it was embedded: another model or chunking re-embeds. */
    private String hash(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((modelName.value() + "|" + properties.embedding().chunkWords() + "|" + properties.embedding().chunkOverlap()
                    + (properties.embedding().sentenceVectors() ? "|sentences" : "") + "|").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
