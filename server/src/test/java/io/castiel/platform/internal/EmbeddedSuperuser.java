package io.castiel.platform.internal;

import javax.sql.DataSource;

import org.springframework.context.ApplicationContext;

/** For tests that play an attacker with direct database access: the embedded server's superuser. */
public final class EmbeddedSuperuser {

    private EmbeddedSuperuser() {
    }

    public static DataSource dataSource(ApplicationContext context) {
        EmbeddedDatabaseConfiguration.EmbeddedDatabase database = context.getBean(EmbeddedDatabaseConfiguration.EmbeddedDatabase.class);
        return database.postgres().getDatabase("postgres", database.database());
    }
}
