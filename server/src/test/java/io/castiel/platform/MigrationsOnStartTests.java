package io.castiel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.castiel.platform.internal.EmbeddedSuperuser;
import io.castiel.support.Node;

/**
 * Flyway is made at a start only when the database's history is not exactly the build's own
 * migrations; otherwise one query of that history stands for Flyway's validation.
 */
class MigrationsOnStartTests {

    @TempDir
    Path home;

    @Test
    void flywayIsMadeOnlyWhenTheHistoryIsNotTheBuildsOwn() {
        try (Node node = Node.startIn(home)) {
            assertThat(flywayWasMade(node)).as("a template home holds the build's migrations").isFalse();
            assertThat(node.api().get("/health").status()).isEqualTo(200);
            // A migration of a newer version than this build: its history is no longer the build's own.
            JdbcClient.create(EmbeddedSuperuser.dataSource(node.context)).sql("""
                    insert into flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by,
                        execution_time, success)
                    values ((select max(installed_rank) + 1 from flyway_schema_history), '999', 'from a newer build', 'SQL',
                        'V999__from_a_newer_build.sql', 1, 'castiel_owner', 1, true)""").update();
        }
        try (Node node = Node.startIn(home)) {
            assertThat(flywayWasMade(node)).as("Flyway validates a history it does not know").isTrue();
            assertThat(node.api().get("/health").status()).isEqualTo(200);
        }
    }

    private static boolean flywayWasMade(Node node) {
        return node.context.getBeanFactory().containsSingleton("flyway.deferred");
    }
}
