package io.castiel.platform.internal;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Under Row-Level Security PostgreSQL will neither use an index nor consult statistics for a
 * condition whose operator is not marked LEAKPROOF, because such an operator could reveal rows the
 * policy hides before the policy runs. JSON containment ({@code @>}, our {@code where=...:eq:}),
 * full-text match ({@code @@}, our {@code q}) and {@code ilike} (our {@code contains}, served by a
 * declared field's trigram index) are not marked so, which turns such filters into a scan of the
 * tenant's rows. The three raise no errors that depend on a row's data, and only
 * Castiel's own SQL runs as the request role, so marking them is safe here. It needs a superuser:
 * the embedded mode does it at start; in server mode a DBA runs {@link #STATEMENTS} once per
 * database, and Castiel warns at start while it is missing.
 */
@Component
class IndexableUnderRls {

    static final String STATEMENTS = """
            ALTER FUNCTION jsonb_contains(jsonb, jsonb) LEAKPROOF;
            ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF;
            ALTER FUNCTION texticlike(text, text) LEAKPROOF;""";

    private static final Logger log = LoggerFactory.getLogger(IndexableUnderRls.class);

    private final JdbcClient jdbc;

    IndexableUnderRls(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnWhenFiltersCannotUseIndexes() {
        long missing = jdbc.sql("select count(*) from pg_proc where proname in ('jsonb_contains', 'ts_match_vq', 'texticlike') and not proleakproof")
                .query(Long.class).single();
        if (missing > 0) {
            log.warn("Filtered lists and full-text search cannot use their indexes under Row-Level Security until a superuser runs, "
                    + "in this database:\n{}", STATEMENTS);
        }
    }
}
