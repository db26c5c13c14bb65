package io.castiel.shard.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.castiel.shard.ShardType;
import io.castiel.shard.ShardTypeDefinition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The tenant's own shard types, in {@code shard_types}. */
@Repository
public class ShardTypes {

    /** What a shard type's name looks like. */
    public static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{1,62}$");

    private static final String COLUMNS = columns("");

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ShardTypes(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<ShardType> all(UUID tenantId) {
        return jdbc.sql("select " + COLUMNS + " from shard_types where tenant_id = ? order by name").param(tenantId)
                .query(this::map).list();
    }

    public Optional<ShardType> find(UUID tenantId, String name) {
        return jdbc.sql("select " + COLUMNS + " from shard_types where tenant_id = ? and name = ?").params(tenantId, name)
                .query(this::map).optional();
    }

    /** The type and its tenant-defined ancestors, nearest first, in one recursive query. */
    public List<ShardType> chain(UUID tenantId, String name) {
        return chain(tenantId, name, false);
    }

    /**
     * As {@link #chain(UUID, String)}, share-locking the rows until commit: a concurrent change
     * to one of them is waited for and then read as committed.
     */
    public List<ShardType> chainForWrite(UUID tenantId, String name) {
        return chain(tenantId, name, true);
    }

    private List<ShardType> chain(UUID tenantId, String name, boolean lock) {
        return jdbc.sql("""
                with recursive chain as (
                    select t.*, 0 as depth from shard_types t where t.tenant_id = :tenant and t.name = :name
                    union all
                    select p.*, c.depth + 1 from shard_types p
                    join chain c on p.tenant_id = :tenant and p.name = c.parent_type
                    where c.depth < 32
                )
                select %s from shard_types t join chain c on t.tenant_id = :tenant and t.name = c.name
                order by c.depth %s""".formatted(columns("t."), lock ? "for share of t" : ""))
                .param("tenant", tenantId).param("name", name)
                .query(this::map).list();
    }

    /** Names of every type that descends from {@code name}, at any depth. */
    public List<String> descendants(UUID tenantId, String name) {
        return jdbc.sql("""
                with recursive below as (
                    select name, 1 as depth from shard_types where tenant_id = :tenant and parent_type = :name
                    union
                    select t.name, b.depth + 1 from shard_types t
                    join below b on t.tenant_id = :tenant and t.parent_type = b.name
                    where b.depth < 32
                )
                select distinct name from below""")
                .param("tenant", tenantId).param("name", name)
                .query(String.class).list();
    }

    public boolean insert(UUID tenantId, ShardTypeDefinition type, UUID actor) {
        return jdbc.sql("""
                insert into shard_types (tenant_id, name, display_name, description, parent_type, schema, encrypted_fields,
                                         embed_fields, embed, indexed_fields, created_by)
                values (?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?, cast(? as jsonb), ?)
                on conflict (tenant_id, name) do nothing""")
                .params(tenantId, type.name(), type.displayName(), type.description(), type.parentType(), type.schema().toString(),
                        json.writeValueAsString(list(type.encryptedFields())), json.writeValueAsString(list(type.embedFields())),
                        type.embedOr(true), json.writeValueAsString(list(type.indexedFields())), actor)
                .update() == 1;
    }

    /** Replaces the type's definition; {@code embed} and {@code indexedFields} left out (null) keep the current settings. */
    public void update(UUID tenantId, ShardTypeDefinition type) {
        jdbc.sql("""
                update shard_types set display_name = ?, description = ?, parent_type = ?, schema = cast(? as jsonb),
                       encrypted_fields = cast(? as jsonb), embed_fields = cast(? as jsonb), embed = coalesce(?, embed),
                       indexed_fields = coalesce(cast(? as jsonb), indexed_fields), updated_at = now()
                where tenant_id = ? and name = ?""")
                .params(type.displayName(), type.description(), type.parentType(), type.schema().toString(),
                        json.writeValueAsString(list(type.encryptedFields())), json.writeValueAsString(list(type.embedFields())),
                        type.embed(), type.indexedFields() == null ? null : json.writeValueAsString(type.indexedFields()), tenantId,
                        type.name())
                .update();
    }

    public void delete(UUID tenantId, String name) {
        jdbc.sql("delete from shard_types where tenant_id = ? and name = ?").params(tenantId, name).update();
    }

    private static String columns(String alias) {
        return """
                %1$sname, %1$sdisplay_name, %1$sdescription, %1$sparent_type, %1$sschema::text as schema,
                %1$sencrypted_fields::text as encrypted_fields, %1$sembed_fields::text as embed_fields, %1$sembed,
                %1$sindexed_fields::text as indexed_fields, %1$screated_at,
                %1$supdated_at""".formatted(alias);
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }

    private ShardType map(ResultSet rs, int row) throws SQLException {
        return new ShardType(rs.getString("name"), rs.getString("display_name"), rs.getString("description"),
                rs.getString("parent_type"), json.readTree(rs.getString("schema")), strings(rs.getString("encrypted_fields")),
                strings(rs.getString("embed_fields")), rs.getBoolean("embed"), strings(rs.getString("indexed_fields")), false, null, null, rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private List<String> strings(String array) {
        List<String> values = new ArrayList<>();
        json.readTree(array).forEach(v -> values.add(v.asString()));
        return List.copyOf(values);
    }
}
