package io.castiel.platform.internal;

import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * One PostgreSQL login, handed to Boot as the pool's or Flyway's connection details. Two
 * adapters rather than one class implementing both, so that the owner's login can never be
 * picked up as the pool's.
 */
record DatabaseLogin(String url, String user, String password) {

    JdbcConnectionDetails forPool() {
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return user;
            }

            @Override
            public String getPassword() {
                return password;
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }

    FlywayConnectionDetails forMigrations() {
        return new FlywayConnectionDetails() {
            @Override
            public String getUsername() {
                return user;
            }

            @Override
            public String getPassword() {
                return password;
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }
}
