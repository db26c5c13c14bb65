package io.castiel.dashboard.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.castiel.dashboard.SavedView;
import io.castiel.platform.Actor;
import io.castiel.platform.Role;

/** The {@code saved_views} table. Admins see every view, others their own and the tenant-shared ones. */
@Repository
public class SavedViews {

    private static final String COLUMNS = """
            id, owner_id, name, shard_type, where_filters, sort, columns, visibility, revision, created_at, updated_at""";
    private static final String VISIBLE = "(? or owner_id = ? or visibility = 'tenant')";

    private final JdbcClient jdbc;

    SavedViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID tenantId, SavedView view) {
        jdbc.sql("""
                insert into saved_views (tenant_id, id, owner_id, name, shard_type, where_filters, sort, columns, visibility, revision,
                                         created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(tenantId, view.id(), view.ownerId(), view.name(), view.shardType(), view.where().toArray(String[]::new), view.sort(),
                        view.columns().toArray(String[]::new), view.visibility(), view.revision(), Timestamp.from(view.createdAt()),
                        Timestamp.from(view.updatedAt()))
                .update();
    }

    public void update(UUID tenantId, SavedView view) {
        jdbc.sql("""
                update saved_views
                   set name = ?, shard_type = ?, where_filters = ?, sort = ?, columns = ?, visibility = ?, revision = ?, updated_at = ?
                 where tenant_id = ? and id = ?""")
                .params(view.name(), view.shardType(), view.where().toArray(String[]::new), view.sort(), view.columns().toArray(String[]::new),
                        view.visibility(), view.revision(), Timestamp.from(view.updatedAt()), tenantId, view.id())
                .update();
    }

    public void delete(UUID tenantId, UUID id) {
        jdbc.sql("delete from saved_views where tenant_id = ? and id = ?").params(tenantId, id).update();
    }

    public Optional<SavedView> findVisible(Actor actor, UUID id, boolean lock) {
        return jdbc.sql("select " + COLUMNS + " from saved_views where tenant_id = ? and id = ? and " + VISIBLE + (lock ? " for update" : ""))
                .params(actor.tenantId(), id, actor.has(Role.ADMIN), actor.userId())
                .query(SavedViews::map).optional();
    }

    public List<SavedView> listVisible(Actor actor, String shardType, UUID afterId, int rows) {
        return jdbc.sql("select " + COLUMNS + " from saved_views where tenant_id = ? and " + VISIBLE
                + " and (cast(? as text) is null or shard_type = cast(? as text))"
                + " and (cast(? as uuid) is null or id > cast(? as uuid)) order by id limit ?")
                .params(actor.tenantId(), actor.has(Role.ADMIN), actor.userId(), shardType, shardType, afterId, afterId, rows)
                .query(SavedViews::map).list();
    }

    private static SavedView map(ResultSet rs, int row) throws SQLException {
        return new SavedView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("shard_type"),
                List.of((String[]) rs.getArray("where_filters").getArray()), rs.getString("sort"),
                List.of((String[]) rs.getArray("columns").getArray()), rs.getString("visibility"), rs.getObject("owner_id", UUID.class),
                rs.getInt("revision"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
