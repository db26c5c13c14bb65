package io.castiel.platform.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionStatus;

import io.castiel.platform.TenantContext;

/**
 * Opens every transaction with {@code app.tenant_id} set locally to the current tenant. The RLS
 * policies read that setting; without it a transaction sees no tenant rows at all. Being
 * transaction-local, the setting can never leak to the next user of a pooled connection.
 */
class TenantTransactionManager extends JdbcTransactionManager {

    private final TenantContext tenants;

    TenantTransactionManager(DataSource dataSource, TenantContext tenants) {
        super(dataSource);
        this.tenants = tenants;
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition) throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        Optional<UUID> tenant = tenants.current();
        if (tenant.isPresent()) {
            try (PreparedStatement statement = connection.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
                statement.setString(1, tenant.get().toString());
                statement.execute();
            }
        }
    }

    /**
     * No rollback on a connection the pool already closed (it closes one that broke: PostgreSQL
     * went away or the network was cut): PostgreSQL rolled the transaction back when its session
     * ended, and a rollback failing with "Connection is closed" would replace the failure that
     * broke the connection, the one that tells the database is unreachable.
     */
    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        if (status.getTransaction() instanceof JdbcTransactionObjectSupport transaction && transaction.hasConnectionHolder()) {
            try {
                if (transaction.getConnectionHolder().getConnection().isClosed()) {
                    return;
                }
            } catch (SQLException e) {
                return;
            }
        }
        super.doRollback(status);
    }
}
