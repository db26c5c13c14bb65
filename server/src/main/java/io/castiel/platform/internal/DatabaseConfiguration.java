package io.castiel.platform.internal;

import java.util.Map;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;

import com.zaxxer.hikari.HikariDataSource;

import io.castiel.platform.CastielProperties;
import io.castiel.platform.DeferredBeans;
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

    /**
     * The pool's connection timeout from {@code castiel.db.connection-timeout} (5 s): Hikari's 30 s
     * default would hold every request that long while PostgreSQL is down or restarting, where it
     * should get its 503 soon enough for the client to retry; 5 s is still far beyond what a request
     * waits for a connection on a busy but healthy node. Set here because
     * {@code spring.datasource.hikari.*} takes milliseconds, not a duration. The pool needs nothing
     * else to recover: it drops connections that fail and opens new ones once PostgreSQL answers.
     */
    @Bean
    static BeanPostProcessor poolConnectionTimeout(ObjectProvider<CastielProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource pool) {
                    long timeout = properties.getObject().db().connectionTimeout().toMillis();
                    pool.setConnectionTimeout(timeout);
                    // A liveness check of a pooled connection must not outlast the wait it is part of.
                    pool.setValidationTimeout(Math.min(pool.getValidationTimeout(), Math.max(250, timeout)));
                }
                return bean;
            }
        };
    }

    /**
     * Flyway is made only when there is something for it to do: a start on a database that has
     * applied exactly this build's migrations asks {@link KnownMigrations} (one query) instead.
     */
    @Bean
    static DeferredBeans deferredFlyway() {
        return DeferredBeans.onFirstUse(Map.of("flyway", Flyway.class));
    }

    @Bean
    FlywayMigrationStrategy migrateUnlessUpToDate(FlywayConnectionDetails owner, ObjectProvider<JavaMigration> javaMigrations) {
        return flyway -> {
            if (!KnownMigrations.allApplied(owner, javaMigrations.orderedStream().toList())) {
                flyway.migrate();
            }
        };
    }

    /** Migrations grant the request role exactly what it needs, by name. */
    @Bean
    FlywayConfigurationCustomizer appRolePlaceholder(CastielProperties properties, DatabaseRoles roles) {
        return configuration -> configuration.placeholders(Map.of("app_role", roles.appRole()));
    }
}
