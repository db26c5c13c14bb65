package io.castiel.search.internal;

import org.springframework.stereotype.Component;

/**
 * Picks the vector index: pgvector where the embedding column is pgvector's (V16 found the
 * extension), the in-memory exact scan otherwise, unless {@code castiel.ai.index.type} says.
 */
@Component
public class VectorIndexes {

    private final Chunks chunks;
    private final PgVectorIndex pgvector;
    private final MemoryVectorIndex memory;
    private final AiProperties properties;

    VectorIndexes(Chunks chunks, PgVectorIndex pgvector, MemoryVectorIndex memory, AiProperties properties) {
        this.chunks = chunks;
        this.pgvector = pgvector;
        this.memory = memory;
        this.properties = properties;
    }

    public VectorIndex current() {
        return switch (properties.index().type()) {
            case "memory" -> memory;
            case "pgvector" -> {
                if (!chunks.pgvector()) {
                    throw new IllegalStateException("castiel.ai.index.type=pgvector but shard_chunks.embedding is not a vector column: "
                            + "install pgvector (scripts/install-pgvector.sh) and create the extension before the first start");
                }
                yield pgvector;
            }
            default -> chunks.pgvector() ? pgvector : memory;
        };
    }
}
