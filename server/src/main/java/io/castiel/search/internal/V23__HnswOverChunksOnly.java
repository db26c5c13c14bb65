package io.castiel.search.internal;

import java.sql.SQLException;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Narrows the HNSW index to chunk rows. Sentence rows (V21) are never searched for neighbours, only
 * compared with a query for the shards a chunk search found ({@link VectorIndex.Searcher#closestSentences}); in
 * the graph they were nine nodes in ten, made every build and search walk a graph ten times the
 * size, and crowded the chunks out of the candidate list. The graph parameters stay V22's. Where
 * V16 found no pgvector there is no index and nothing to do. Rebuilding blocks writes to
 * {@code shard_chunks} for the build (about a minute per 100k chunks on two cores).
 */
@Component
public class V23__HnswOverChunksOnly extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V23__HnswOverChunksOnly.class);

    @Override
    public void migrate(Context context) throws SQLException {
        if (V22__HnswGraphQuality.rebuild(context.getConnection(), " where sentence_of is null")) {
            log.info("pgvector: HNSW index of shard_chunks rebuilt over chunk rows only");
        }
    }
}
