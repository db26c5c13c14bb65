package io.castiel.platform.internal;

import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.util.StringUtils;

import io.castiel.platform.CastielProperties;

/**
 * Server mode: an external PostgreSQL. Requests use {@code CASTIEL_DB_USER}; migrations use
 * {@code CASTIEL_DB_MIGRATION_USER}, which must own the schema. The two must differ, or RLS
 * would not bind the request role.
 */
@Configuration(proxyBeanMethods = false)
@Profile("server")
class ServerDatabaseConfiguration {

    @Bean
    DatabaseRoles databaseRoles(CastielProperties properties) {
        CastielProperties.Database db = properties.db();
        require(db.url(), "castiel.db.url (CASTIEL_DB_URL)");
        require(db.user(), "castiel.db.user (CASTIEL_DB_USER)");
        require(db.migrationUser(), "castiel.db.migration-user (CASTIEL_DB_MIGRATION_USER)");
        if (db.user().equals(db.migrationUser())) {
            throw new IllegalStateException("CASTIEL_DB_USER must not be the migration (owner) role: "
                    + "a table owner is not bound by Row-Level Security");
        }
        return new DatabaseRoles(db.user());
    }

    @Bean
    JdbcConnectionDetails jdbcConnectionDetails(CastielProperties properties) {
        CastielProperties.Database db = properties.db();
        return new DatabaseLogin(db.url(), db.user(), db.password()).forPool();
    }

    @Bean
    FlywayConnectionDetails flywayConnectionDetails(CastielProperties properties) {
        CastielProperties.Database db = properties.db();
        return new DatabaseLogin(db.url(), db.migrationUser(), db.migrationPassword()).forMigrations();
    }

    private static void require(String value, String name) {
        if (!StringUtils.hasText(value)) {
            throw new IllegalStateException("Server mode needs " + name);
        }
    }
}
