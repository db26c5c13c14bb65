package io.castiel.platform.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.stereotype.Component;

import io.castiel.platform.SchemaOwner;

/**
 * The owner's statements on a connection opened for each and closed after it, with the login the
 * migrations use (embedded mode: its generated owner; server mode: CASTIEL_DB_MIGRATION_USER).
 * Not pooled: such statements are rare and long, and an idle owner connection is a standing risk.
 */
@Component
class OwnerConnections implements SchemaOwner {

    private final FlywayConnectionDetails owner;

    OwnerConnections(FlywayConnectionDetails owner) {
        this.owner = owner;
    }

    @Override
    public void execute(String sql) {
        Connection connection;
        try {
            connection = DriverManager.getConnection(owner.getJdbcUrl(), owner.getUsername(), owner.getPassword());
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Cannot connect as the schema owner", e);
        }
        try (connection; Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute(sql);
        } catch (SQLException e) {
            throw new UncategorizedSQLException("schema owner", sql, e);
        }
    }
}
