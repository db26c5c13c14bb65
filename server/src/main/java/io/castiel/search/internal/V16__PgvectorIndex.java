package io.castiel.search.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where the database has pgvector, makes {@code shard_chunks.embedding} a {@code vector(384)} with
 * an HNSW index (cosine). The extension is created here when the migration owner may (a superuser,
 * or pgvector marked trusted); otherwise a DBA creates it beforehand ({@code create extension vector},
 * as {@code .ci/run} does). Where pgvector is not installed at all (the embedded PostgreSQL), the
 * column stays {@code real[]} and search runs in the JVM. A Java migration because SQL migrations
 * cannot branch on what the server has.
 */
@Component
public class V16__PgvectorIndex extends BaseJavaMigration {

    private static final Logger log = LoggerFactory.getLogger(V16__PgvectorIndex.class);

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!exists(connection, "select 1 from pg_extension where extname = 'vector'")) {
            if (!exists(connection, "select 1 from pg_available_extensions where name = 'vector'")) {
                log.info("pgvector is not installed in this PostgreSQL: semantic search scans vectors in the JVM");
                return;
            }
            Savepoint savepoint = connection.setSavepoint();
            try (Statement statement = connection.createStatement()) {
                statement.execute("create extension if not exists vector");
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                connection.rollback(savepoint);
                log.warn("pgvector is installed but the migration role may not create the extension ({}); semantic search scans "
                        + "vectors in the JVM. To use pgvector: as a superuser, `create extension vector;` in this database, then "
                        + "`delete from flyway_schema_history where version = '16';` and restart.", e.getMessage());
                return;
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("alter table shard_chunks alter column embedding type vector(384) using embedding::vector(384)");
            statement.execute("create index shard_chunks_embedding on shard_chunks using hnsw (embedding vector_cosine_ops)");
        }
        log.info("pgvector: shard_chunks.embedding is vector(384) with an HNSW index");
    }

    private static boolean exists(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next();
        }
    }
}
