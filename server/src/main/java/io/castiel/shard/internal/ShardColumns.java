package io.castiel.shard.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.castiel.platform.AfterCommit;
import io.castiel.shard.internal.AggregationFields.Kind;
import tools.jackson.databind.JsonNode;

/**
 * The typed columns of shards (V31): which declared field of a type sits in which slot of
 * {@code shard_columns}, whether every shard of the type has been projected with that assignment,
 * and the backfill that gets it there. The database's triggers keep each row current on every
 * write; this class decides the slots (from the type's effective schema) and fills them for the
 * shards that were written before.
 */
@Repository
public class ShardColumns {

    /** Slots per kind of column; a field beyond them is read from the jsonb. */
    static final int NUMBERS = 16;
    static final int TEXTS = 24;
    static final int DATES = 8;
    static final int INSTANTS = 8;
    static final int BOOLEANS = 8;
    static final int BATCH = 2_000;

    /** A slot: its column, the structuredData path or link ({relationship type, out|in}) copied into it, how, and its odd-value bit. */
    record Slot(String column, List<String> path, String kind, Integer bit) {

        /** The slot's value as text, as {@code #>>} shows the JSON value it was copied from. */
        String text(String alias) {
            return switch (kind) {
                case "number", "boolean" -> "cast(" + alias + "." + column + " as text)";
                default -> alias + "." + column;
            };
        }
    }

    /** A field the schema declares that typed columns can hold, and the slots it needs. */
    record Wanted(List<String> path, Kind kind) {

        List<String> kinds() {
            return switch (kind) {
                case NUMBER -> List.of("number");
                case BOOLEAN -> List.of("boolean");
                case DATE -> List.of("string", "date");
                case DATE_TIME -> List.of("string", "instant");
                default -> List.of("string");
            };
        }
    }

    /**
     * The typed columns of one type, ready to be read: its field slots by dotted path and kind
     * ({@code closeDate/date}), its link slots by {@code relType:direction}, and the bits of the
     * slots where some shard's value is not of the declared type.
     */
    public record Layout(String shardType, Map<String, Slot> fields, Map<String, Slot> links, long oddBits) {

        Slot field(List<String> path, String kind) {
            return fields.get(String.join(".", path) + "/" + kind);
        }

        /**
         * The slot a filter or sort on {@code path} reads: its number, boolean or string column (a
         * date's text, not its date), or null when the field has none.
         */
        Slot scalar(List<String> path) {
            for (String kind : List.of("number", "boolean", "string")) {
                Slot slot = field(path, kind);
                if (slot != null) {
                    return slot;
                }
            }
            return null;
        }
    }

    private final JdbcClient jdbc;
    /** Tenant and type pairs known to have a map, so that a write asks the database once per node. */
    private final Set<String> mapped = ConcurrentHashMap.newKeySet();

    ShardColumns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Before shards of {@code shardType} are inserted, in the writing transaction: when they are
     * the first of their type in the tenant (it has no map yet), its slots are assigned now, so that
     * the triggers fill them as the shards are written and nothing needs backfilling. A concurrent
     * first write waits for this one's map. Types in name order (ShardService), so that two first
     * writes of the same types wait for each other rather than deadlock.
     */
    public void beforeFirstInsert(UUID tenantId, String shardType, Supplier<JsonNode> schema) {
        String key = tenantId + "/" + shardType;
        if (mapped.contains(key)) {
            return;
        }
        List<Wanted> wanted = wanted(schema.get());
        int created = jdbc.sql("""
                insert into shard_column_maps (tenant_id, shard_type, fields_hash, ready) values (?, ?, ?, true)
                on conflict do nothing""").params(tenantId, shardType, hash(wanted)).update();
        if (created > 0) {
            for (Slot slot : assign(wanted, List.of())) {
                insertSlot(tenantId, shardType, slot);
            }
        }
        // Only once committed: until then another transaction must not skip the type, or it could
        // write shards whose columns wait on this map's row while this transaction waits on its map
        // of another type (a deadlock between two first bulk writes).
        AfterCommit.run(() -> {
            if (mapped.size() > 100_000) {
                mapped.clear();
            }
            mapped.add(key);
        });
    }

    private void insertSlot(UUID tenantId, String shardType, Slot slot) {
        jdbc.sql("""
                insert into shard_column_slots (tenant_id, shard_type, col, path, kind, bit)
                values (?, ?, ?, cast(? as text[]), ?, ?) on conflict do nothing""")
                .params(tenantId, shardType, slot.column(), "{" + String.join(",", slot.path()) + "}", slot.kind(), slot.bit())
                .update();
    }

    /**
     * The JSON pointers of the fields of {@code schema} that get a typed column lists filter on
     * (all but those beyond the columns of their kind): the fields a type can declare as indexed.
     */
    public static Set<String> indexable(JsonNode schema) {
        Set<String> pointers = new LinkedHashSet<>();
        for (Slot slot : assign(wanted(schema), List.of())) {
            if (!slot.kind().equals("date") && !slot.kind().equals("instant")) {
                pointers.add("/" + String.join("/", slot.path()));
            }
        }
        return pointers;
    }

    /** The fields of {@code schema} that typed columns can hold, in declaration order (depth first). */
    static List<Wanted> wanted(JsonNode schema) {
        List<Wanted> fields = new ArrayList<>();
        collect(schema, schema, new ArrayList<>(), fields, 0);
        return fields;
    }

    private static void collect(JsonNode root, JsonNode node, List<String> prefix, List<Wanted> into, int depth) {
        JsonNode resolved = AggregationFields.followRef(root, node);
        JsonNode properties = resolved == null ? null : resolved.get("properties");
        if (properties == null || !properties.isObject() || depth >= 8) {
            return;
        }
        for (var entry : properties.properties()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(entry.getKey());
            if (WhereFilter.pathOf(String.join(".", path)) == null) {
                continue;
            }
            JsonNode declared = AggregationFields.followRef(root, entry.getValue());
            if (declared == null) {
                continue;
            }
            Kind kind = AggregationFields.kindOf(declared);
            switch (kind) {
                case STRING, NUMBER, BOOLEAN, DATE, DATE_TIME -> into.add(new Wanted(List.copyOf(path), kind));
                case COMPOSITE -> collect(root, declared, path, into, depth + 1);
                default -> {
                }
            }
        }
    }

    /** Names the wanted fields: equal names, equal slot plans. */
    static String hash(List<Wanted> wanted) {
        StringBuilder text = new StringBuilder();
        for (Wanted field : wanted) {
            text.append(String.join(".", field.path())).append('/').append(field.kind()).append(';');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The slots for {@code wanted}, keeping each field that already has a slot of its kind in it
     * (so that a schema change refills only what changed) and giving the rest free columns in
     * order; fields beyond the columns of their kind get none.
     */
    static List<Slot> assign(List<Wanted> wanted, List<Slot> current) {
        Map<String, Slot> kept = new LinkedHashMap<>();
        Set<String> used = new LinkedHashSet<>();
        Set<String> wantedKeys = new LinkedHashSet<>();
        for (Wanted field : wanted) {
            for (String kind : field.kinds()) {
                wantedKeys.add(String.join(".", field.path()) + "/" + kind);
            }
        }
        for (Slot slot : current) {
            String key = String.join(".", slot.path()) + "/" + slot.kind();
            if (!slot.kind().equals("link") && wantedKeys.contains(key)) {
                kept.put(key, slot);
                used.add(slot.column());
            }
        }
        List<Slot> slots = new ArrayList<>();
        for (Wanted field : wanted) {
            // A field gets all the slots it needs (a date its text and its date) or none.
            List<Slot> forField = new ArrayList<>();
            Set<String> taken = new LinkedHashSet<>(used);
            for (String kind : field.kinds()) {
                Slot slot = kept.get(String.join(".", field.path()) + "/" + kind);
                if (slot == null) {
                    String column = free(kind, taken);
                    if (column == null) {
                        forField = null;
                        break;
                    }
                    slot = new Slot(column, field.path(), kind, bit(column));
                }
                taken.add(slot.column());
                forField.add(slot);
            }
            if (forField != null) {
                used = taken;
                slots.addAll(forField);
            }
        }
        return slots;
    }

    private static String free(String kind, Set<String> used) {
        String prefix = switch (kind) {
            case "number" -> "n";
            case "string" -> "t";
            case "date" -> "d";
            case "instant" -> "i";
            default -> "b";
        };
        int count = switch (kind) {
            case "number" -> NUMBERS;
            case "string" -> TEXTS;
            case "date" -> DATES;
            case "instant" -> INSTANTS;
            default -> BOOLEANS;
        };
        for (int i = 1; i <= count; i++) {
            if (!used.contains(prefix + i)) {
                return prefix + i;
            }
        }
        return null;
    }

    /** The bit of {@code shard_columns.odd} for a number, string or boolean column; dates and instants ride on their text slot's. */
    static Integer bit(String column) {
        int n = Integer.parseInt(column.substring(1));
        return switch (column.charAt(0)) {
            case 'n' -> n - 1;
            case 't' -> NUMBERS + n - 1;
            case 'b' -> NUMBERS + TEXTS + n - 1;
            default -> null;
        };
    }

    /**
     * The typed columns of {@code shardType} in the current tenant, when every shard of it has been
     * projected with the slots its current schema ({@code schema}) calls for; else empty, and the
     * caller reads the jsonb.
     */
    public Optional<Layout> layout(UUID tenantId, String shardType, JsonNode schema) {
        return read(tenantId, shardType, hash(wanted(schema)));
    }

    /**
     * The typed columns of {@code shardType} in the current tenant when every shard of it has been
     * projected with its slots, whatever its schema says now (a slot's own kind says what it holds),
     * for lists; empty while a change of its slots is being backfilled.
     */
    public Optional<Layout> whenReady(UUID tenantId, String shardType) {
        return read(tenantId, shardType, null);
    }

    /** A ready map's slots and odd bits in one statement; with {@code hash}, only if it was filled for that hash. */
    private Optional<Layout> read(UUID tenantId, String shardType, String hash) {
        long[] odd = {0};
        List<Slot> slots = jdbc.sql("""
                with map as (select tenant_id, shard_type from shard_column_maps
                             where tenant_id = :tenant and shard_type = :type and ready and (cast(:hash as text) is null or fields_hash = :hash)),
                     odd as (select coalesce(bit_or(odd), 0) as bits from shard_columns
                             where tenant_id = :tenant and shard_type = :type and odd <> 0)
                select sl.col, sl.path, sl.kind, sl.bit, odd.bits
                from map cross join odd
                left join shard_column_slots sl on sl.tenant_id = map.tenant_id and sl.shard_type = map.shard_type
                order by sl.col""")
                .param("tenant", tenantId).param("type", shardType).param("hash", hash).query((rs, n) -> {
                    odd[0] = rs.getLong("bits");
                    return rs.getString("col") == null ? null : slot(rs);
                }).list();
        if (slots.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Slot> fields = new LinkedHashMap<>();
        Map<String, Slot> links = new LinkedHashMap<>();
        for (Slot slot : slots) {
            if (slot == null) {
                continue;
            }
            if (slot.kind().equals("link")) {
                links.put(slot.path().get(0) + ":" + slot.path().get(1), slot);
            } else {
                fields.put(String.join(".", slot.path()) + "/" + slot.kind(), slot);
            }
        }
        return Optional.of(new Layout(shardType, fields, links, odd[0]));
    }

    /** The types of the shards that links of kind {@code relType:direction} from shards of {@code shardType} have reached. */
    public List<String> farTypes(UUID tenantId, String shardType, String relationType, String direction) {
        return jdbc.sql("""
                select far_type from shard_link_types
                where tenant_id = ? and shard_type = ? and link = cast(? as text[]) order by far_type""")
                .params(tenantId, shardType, "{" + relationType + "," + direction + "}").query(String.class).list();
    }

    private List<Slot> slots(UUID tenantId, String shardType) {
        return jdbc.sql("select col, path, kind, bit from shard_column_slots where tenant_id = ? and shard_type = ? order by col")
                .params(tenantId, shardType).query((rs, n) -> slot(rs)).list();
    }

    /** A {@code shard_column_slots} row (col, path, kind, bit). */
    private static Slot slot(ResultSet rs) throws SQLException {
        Object bit = rs.getObject("bit");
        return new Slot(rs.getString("col"), List.of((String[]) rs.getArray("path").getArray()), rs.getString("kind"),
                bit == null ? null : ((Number) bit).intValue());
    }

    /** Every type of the tenant is checked again (a parent's change reaches its descendants' schemas). */
    public void invalidate(UUID tenantId) {
        markStale(tenantId, null);
    }

    /** The maps that want (re)assigning or backfilling, across tenants. */
    List<Map.Entry<UUID, String>> pending() {
        return jdbc.sql("select tenant_id, shard_type from shard_column_maps_pending()")
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2))).list();
    }

    /** The ready maps with the hash they were filled for, across tenants. */
    List<Map.Entry<Map.Entry<UUID, String>, String>> readyMaps() {
        return jdbc.sql("select tenant_id, shard_type, fields_hash from shard_column_maps_ready()")
                .query((rs, n) -> Map.entry(Map.entry(rs.getObject(1, UUID.class), rs.getString(2)), rs.getString(3))).list();
    }

    /** Marks one map, or every map of the tenant ({@code shardType} null), for another look by the job. */
    void markStale(UUID tenantId, String shardType) {
        jdbc.sql("""
                update shard_column_maps set ready = false, version = version + 1, updated_at = now()
                where tenant_id = :tenant and (cast(:type as text) is null or shard_type = :type)""")
                .param("tenant", tenantId).param("type", shardType).update();
    }

    /**
     * Makes the map of {@code shardType} match {@code schema} (null: the type is gone, nothing is
     * slotted), in the tenant's transaction: unchanged fields keep their slots, a changed
     * assignment restarts the backfill. Answers the map's version (a later invalidation changes
     * it), or empty when there is no map.
     */
    Optional<Integer> prepare(UUID tenantId, String shardType, JsonNode schema) {
        List<Wanted> wanted = schema == null ? List.of() : wanted(schema);
        String hash = hash(wanted);
        // Waits for the writes that are projecting shards of this type with its current slots
        // (refresh_shard_columns holds this lock shared): the backfill that follows sees them all.
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(cast(? as text) || '/' || ?, 0))").params(tenantId, shardType)
                .query((rs, n) -> 1).list();
        Map.Entry<String, Integer> map = jdbc.sql("select fields_hash, version from shard_column_maps where tenant_id = ? and shard_type = ? for update")
                .params(tenantId, shardType).query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2))).optional().orElse(null);
        if (map == null) {
            return Optional.empty();
        }
        String current = map.getKey();
        if (!current.equals(hash)) {
            List<Slot> existing = slots(tenantId, shardType);
            List<Slot> assigned = assign(wanted, existing);
            Set<String> keep = new LinkedHashSet<>();
            assigned.forEach(s -> keep.add(s.column() + "/" + String.join(".", s.path()) + "/" + s.kind()));
            for (Slot slot : existing) {
                if (!slot.kind().equals("link") && !keep.contains(slot.column() + "/" + String.join(".", slot.path()) + "/" + slot.kind())) {
                    jdbc.sql("delete from shard_column_slots where tenant_id = ? and shard_type = ? and col = ?")
                            .params(tenantId, shardType, slot.column()).update();
                }
            }
            for (Slot slot : assigned) {
                insertSlot(tenantId, shardType, slot);
            }
            jdbc.sql("""
                    update shard_column_maps set fields_hash = ?, ready = false, backfilled_after = null, updated_at = now()
                    where tenant_id = ? and shard_type = ?""").params(hash, tenantId, shardType).update();
        }
        return Optional.of(map.getValue());
    }

    /**
     * Projects the next batch of the type's shards (after the map's cursor) with the current slots,
     * holding them against concurrent writes meanwhile; marks the map ready after the last batch
     * unless it was invalidated since {@code version}. Answers whether more remain.
     */
    boolean backfill(UUID tenantId, String shardType, int version) {
        // The type's lock before the map's row, in the order prepare takes them: a backfill that took
        // the row first, then waited for the lock (in refresh_shard_columns) deadlocked with a prepare.
        jdbc.sql("select pg_advisory_xact_lock_shared(hashtextextended(cast(? as text) || '/' || ?, 0))").params(tenantId, shardType)
                .query((rs, n) -> 1).list();
        UUID after = jdbc.sql("select backfilled_after from shard_column_maps where tenant_id = ? and shard_type = ? for update")
                .params(tenantId, shardType).query(UUID.class).optional().orElse(null);
        List<UUID> ids = jdbc.sql("""
                select id from shards where tenant_id = ? and shard_type = ? and id > ? order by id limit ? for share""")
                .params(tenantId, shardType, after == null ? new UUID(0, 0) : after, BATCH).query(UUID.class).list();
        if (!ids.isEmpty()) {
            jdbc.sql("select refresh_shard_columns(?, cast(? as uuid[]))").params(tenantId, ids.toArray(UUID[]::new))
                    .query((rs, n) -> 1).list();
        }
        boolean done = ids.size() < BATCH;
        if (done && after != null) {
            // The planner's statistics of the new slots, now rather than when autovacuum next looks.
            jdbc.sql("select analyze_shard_columns()").query((rs, n) -> 1).list();
        }
        jdbc.sql("""
                update shard_column_maps set backfilled_after = ?, ready = (? and version = ?), updated_at = now()
                where tenant_id = ? and shard_type = ?""")
                .params(ids.isEmpty() ? after : ids.get(ids.size() - 1), done, version, tenantId, shardType).update();
        return !done;
    }
}
