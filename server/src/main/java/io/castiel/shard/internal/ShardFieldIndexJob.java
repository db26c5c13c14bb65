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
 * Keeps one partial index on {@code shard_columns} for each field a type declares as indexed
 * ({@code indexedFields}), cluster-wide: builds the missing ones and drops those no type wants any
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
        Map<String, String> wanted = new LinkedHashMap<>();
        jdbc.sql("select tenant_id, shard_type, col from shard_field_indexes_wanted()").query((rs, n) -> {
            UUID tenant = rs.getObject("tenant_id", UUID.class);
            String type = rs.getString("shard_type");
            String column = rs.getString("col");
            return wanted.put(indexName(tenant, type, column), definition(tenant, type, column));
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
                owner.execute(index.getValue());
                log.info("Built the field index {} in {} ms", index.getKey(), (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    /**
     * The index's name: a digest of its definition, within PostgreSQL's 63 characters, so that a
     * release that changes the definition builds the new index and drops the old one.
     */
    static String indexName(UUID tenant, String type, String column) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(columns(tenant, type, column).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String definition(UUID tenant, String type, String column) {
        return "create index concurrently if not exists " + indexName(tenant, type, column) + " on " + columns(tenant, type, column);
    }

    /**
     * The column first: a range or a rare value reads just the rows that match. Text in the C
     * collation, as list filters compare it (ranges on ISO dates and codes by bytes), then the
     * list's default order, so that an equality filter reads its rows newest first and stops at
     * the page's end. Numbers and booleans, which lists also sort by, in the order of such a sort
     * (missing values first, as JSON orders null before any number; then the id), so that a sort
     * on the field walks the index and stops at the page's end.
     */
    private static String columns(UUID tenant, String type, String column) {
        if (!COLUMN.matcher(column).matches() || !ShardTypes.NAME.matcher(type).matches()) {
            throw new IllegalStateException("Unexpected typed column " + column + " of type " + type);
        }
        String key = column.startsWith("t") ? column + " collate \"C\", created_at, shard_id" : column + " nulls first, shard_id";
        return "shard_columns (" + key + ") where tenant_id = '" + tenant + "' and shard_type = '" + type + "'";
    }
}
