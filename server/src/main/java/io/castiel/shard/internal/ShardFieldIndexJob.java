package io.castiel.shard.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.castiel.platform.RecurringJob;
import io.castiel.platform.SchemaOwner;

/**
 * Keeps partial indexes on {@code shard_columns} for each field a type declares as indexed
 * ({@code indexedFields}), cluster-wide: one for equality, ranges and order, and for text one of
 * trigrams for {@code contains}. Builds the missing ones and drops those no type wants any
 * more (a field taken out of the list, moved to another column by a schema change, or its type
 * deleted), concurrently, so that writes to the table never wait for it. An index whose concurrent
 * build failed is left invalid by PostgreSQL: it is dropped and built again.
 */
@Component
class ShardFieldIndexJob implements RecurringJob {

    static final String PREFIX = "shard_columns_f_";

    private static final Logger log = LoggerFactory.getLogger(ShardFieldIndexJob.class);
    private static final Pattern COLUMN = Pattern.compile("^[ntdib][0-9]{1,2}$");

    /** An index as PostgreSQL has it: whether its build finished. */
    private record Existing(String name, boolean valid) {
    }

    private final JdbcClient jdbc;
    private final SchemaOwner owner;
    /** Whether pg_trgm is available; found out on the first run. */
    private Boolean trigrams;

    ShardFieldIndexJob(JdbcClient jdbc, SchemaOwner owner) {
        this.jdbc = jdbc;
        this.owner = owner;
    }

    @Override
    public String name() {
        return "shard-field-indexes";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(5);
    }

    /** Synchronized: a test may run it while the scheduler does, and two builds of one index would collide. */
    @Override
    public synchronized void run() {
        boolean trigrams = trigrams();
        Map<String, String> wanted = new LinkedHashMap<>();
        jdbc.sql("select tenant_id, shard_type, col from shard_field_indexes_wanted()").query((rs, n) -> {
            UUID tenant = rs.getObject("tenant_id", UUID.class);
            String type = rs.getString("shard_type");
            String column = rs.getString("col");
            String ordered = ordered(tenant, type, column);
            wanted.put(name(ordered), ordered);
            if (trigrams && column.startsWith("t")) {
                String substrings = substrings(tenant, type, column);
                wanted.put(name(substrings), substrings);
            }
            return column;
        }).list();
        Map<String, Existing> existing = new LinkedHashMap<>();
        jdbc.sql("""
                select c.relname, i.indisvalid from pg_index i join pg_class c on c.oid = i.indexrelid
                where i.indrelid = 'shard_columns'::regclass and starts_with(c.relname, ?)""")
                .param(PREFIX)
                .query((rs, n) -> existing.put(rs.getString(1), new Existing(rs.getString(1), rs.getBoolean(2))))
                .list();
        for (Existing index : existing.values()) {
            if (!index.valid() || !wanted.containsKey(index.name())) {
                owner.execute("drop index concurrently if exists " + index.name());
                log.info("Dropped the field index {}{}", index.name(), index.valid() ? "" : " (its build had failed)");
            }
        }
        for (Map.Entry<String, String> index : wanted.entrySet()) {
            Existing built = existing.get(index.getKey());
            if (built == null || !built.valid()) {
                long started = System.nanoTime();
                owner.execute("create index concurrently if not exists " + index.getKey() + " on " + index.getValue());
                log.info("Built the field index {} in {} ms", index.getKey(), (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    /**
     * Whether pg_trgm is there, for the indexes of {@code contains} filters: created by the owner
     * the first time (a trusted extension, which a database's owner may create), or, where the
     * server does not ship it, left out with a warning once: such filters still work, only slower.
     */
    private boolean trigrams() {
        if (trigrams == null) {
            try {
                owner.execute("create extension if not exists pg_trgm");
                trigrams = true;
            } catch (RuntimeException e) {
                log.warn("pg_trgm is not available ({}): contains filters on indexed fields read every row of the type", e.getMessage());
                trigrams = false;
            }
        }
        return trigrams;
    }

    /** The name of the index of a field for equality, ranges and order. */
    static String indexName(UUID tenant, String type, String column) {
        return name(ordered(tenant, type, column));
    }

    /** The name of the trigram index of a text field, for {@code contains}. */
    static String substringIndexName(UUID tenant, String type, String column) {
        return name(substrings(tenant, type, column));
    }

    /**
     * An index's name: a digest of its definition, within PostgreSQL's 63 characters, so that a
     * release that changes the definition builds the new index and drops the old one.
     */
    private static String name(String definition) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(definition.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The column first: a range or a rare value reads just the rows that match. Text in the C
     * collation, as list filters compare it (ranges on ISO dates and codes by bytes), then the
     * list's default order, so that an equality filter reads its rows newest first and stops at
     * the page's end. Numbers and booleans, which lists also sort by, in the order of such a sort
     * (missing values first, as JSON orders null before any number; then the id), so that a sort
     * on the field walks the index and stops at the page's end.
     */
    private static String ordered(UUID tenant, String type, String column) {
        String key = column.startsWith("t") ? column + " collate \"C\", created_at, shard_id" : column + " nulls first, shard_id";
        return "shard_columns (" + key + ")" + where(tenant, type, column);
    }

    /**
     * Trigrams of a text column: {@code contains} ({@code ilike '%…%'}) reads the rows that have
     * the substring's. Under RLS only because {@code texticlike} is marked LEAKPROOF (IndexableUnderRls).
     */
    private static String substrings(UUID tenant, String type, String column) {
        return "shard_columns using gin (" + column + " gin_trgm_ops)" + where(tenant, type, column);
    }

    private static String where(UUID tenant, String type, String column) {
        if (!COLUMN.matcher(column).matches() || !ShardTypes.NAME.matcher(type).matches()) {
            throw new IllegalStateException("Unexpected typed column " + column + " of type " + type);
        }
        return " where tenant_id = '" + tenant + "' and shard_type = '" + type + "'";
    }
}
