package io.castiel.dashboard.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.castiel.dashboard.Dashboard;
import io.castiel.dashboard.LayoutItem;
import io.castiel.dashboard.Widget;
import io.castiel.platform.Actor;
import io.castiel.platform.Role;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code dashboards} and {@code dashboard_defaults} tables. Who sees which dashboard is
 * decided here, in the SQL, so that lists and single reads agree: admins and owners every one,
 * others their own, the tenant's, and those shared with a role they hold.
 */
@Repository
public class Dashboards {

    private static final String COLUMNS = """
            id, owner_id, name, description, visibility, roles, layout::text as layout, widgets::text as widgets, revision,
            created_at, updated_at""";
    private static final String VISIBLE = """
            (? or owner_id = ? or visibility = 'tenant' or (visibility = 'roles' and roles && cast(? as text[])))""";
    private static final TypeReference<List<LayoutItem>> LAYOUT = new TypeReference<>() {
    };
    private static final TypeReference<List<Widget>> WIDGETS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Dashboards(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(UUID tenantId, Dashboard dashboard) {
        jdbc.sql("""
                insert into dashboards (tenant_id, id, owner_id, name, description, visibility, roles, layout, widgets, revision,
                                        created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?)""")
                .params(tenantId, dashboard.id(), dashboard.ownerId(), dashboard.name(), dashboard.description(), dashboard.visibility(),
                        dashboard.roles().toArray(String[]::new), json.writeValueAsString(dashboard.layout()),
                        json.writeValueAsString(dashboard.widgets()), dashboard.revision(), Timestamp.from(dashboard.createdAt()),
                        Timestamp.from(dashboard.updatedAt()))
                .update();
    }

    public void update(UUID tenantId, Dashboard dashboard) {
        jdbc.sql("""
                update dashboards
                   set name = ?, description = ?, visibility = ?, roles = ?, layout = cast(? as jsonb), widgets = cast(? as jsonb),
                       revision = ?, updated_at = ?
                 where tenant_id = ? and id = ?""")
                .params(dashboard.name(), dashboard.description(), dashboard.visibility(), dashboard.roles().toArray(String[]::new),
                        json.writeValueAsString(dashboard.layout()), json.writeValueAsString(dashboard.widgets()), dashboard.revision(),
                        Timestamp.from(dashboard.updatedAt()), tenantId, dashboard.id())
                .update();
    }

    public void delete(UUID tenantId, UUID id) {
        jdbc.sql("delete from dashboards where tenant_id = ? and id = ?").params(tenantId, id).update();
    }

    /** The dashboard if the actor may see it; {@code lock} holds it until commit (for a change). */
    public Optional<Dashboard> findVisible(Actor actor, UUID id, boolean lock) {
        return jdbc.sql("select " + COLUMNS + " from dashboards where tenant_id = ? and id = ? and " + VISIBLE + (lock ? " for update" : ""))
                .params(actor.tenantId(), id, actor.has(Role.ADMIN), actor.userId(), rolesOf(actor))
                .query(this::map).optional();
    }

    /** The dashboards the actor may see, by id, after {@code afterId} (null: from the first). */
    public List<Dashboard> listVisible(Actor actor, UUID afterId, int rows) {
        return jdbc.sql("select " + COLUMNS + " from dashboards where tenant_id = ? and " + VISIBLE
                + " and (cast(? as uuid) is null or id > cast(? as uuid)) order by id limit ?")
                .params(actor.tenantId(), actor.has(Role.ADMIN), actor.userId(), rolesOf(actor), afterId, afterId, rows)
                .query(this::map).list();
    }

    public Optional<UUID> defaultOf(UUID tenantId, UUID userId) {
        return jdbc.sql("select dashboard_id from dashboard_defaults where tenant_id = ? and user_id = ?").params(tenantId, userId)
                .query(UUID.class).optional();
    }

    public void setDefault(UUID tenantId, UUID userId, UUID dashboardId) {
        if (dashboardId == null) {
            jdbc.sql("delete from dashboard_defaults where tenant_id = ? and user_id = ?").params(tenantId, userId).update();
            return;
        }
        jdbc.sql("""
                insert into dashboard_defaults (tenant_id, user_id, dashboard_id) values (?, ?, ?)
                on conflict (tenant_id, user_id) do update set dashboard_id = excluded.dashboard_id, updated_at = now()""")
                .params(tenantId, userId, dashboardId).update();
    }

    /** The roles a {@code roles} dashboard may name for this actor: its own and those below it (roles include the lower ones). */
    private static String[] rolesOf(Actor actor) {
        return Arrays.stream(Role.values()).filter(actor::has).map(Role::wireName).toArray(String[]::new);
    }

    private Dashboard map(ResultSet rs, int row) throws SQLException {
        return new Dashboard(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"), rs.getString("visibility"),
                List.of((String[]) rs.getArray("roles").getArray()), json.readValue(rs.getString("layout"), LAYOUT),
                json.readValue(rs.getString("widgets"), WIDGETS), rs.getObject("owner_id", UUID.class), rs.getInt("revision"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
