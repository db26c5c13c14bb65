package io.castiel.platform.internal;

import java.util.Map;

import javax.sql.DataSource;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.castiel.platform.CastielProperties;
import io.castiel.platform.TenantContext;

/** The parts of the database setup that are the same in embedded and server mode. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource, TenantContext tenants) {
        return new TenantTransactionManager(dataSource, tenants);
    }

    @Bean
    TransactionTemplate transactionTemplate(JdbcTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }

    /** Migrations grant the request role exactly what it needs, by name. */
    @Bean
    FlywayConfigurationCustomizer appRolePlaceholder(CastielProperties properties, DatabaseRoles roles) {
        return configuration -> configuration.placeholders(Map.of("app_role", roles.appRole()));
    }
}
