package io.castiel.notification.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.castiel.notification.Notification;
import io.castiel.notification.NotificationCreated;
import io.castiel.notification.NotificationsRead;
import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiException;
import io.castiel.platform.Cursors;
import io.castiel.platform.Ids;
import io.castiel.platform.Page;
import io.castiel.platform.PageRequest;
import io.castiel.platform.Role;
import io.castiel.platform.TenantContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The in-app notifications: stored for their recipients by the consumers of this module, listed
 * and marked read by each recipient alone (someone else's notification is a 404, as if it did not
 * exist). API keys act as their user, so a key with at least viewer rights reads its user's.
 */
@Service
public class Notifications {

    private static final String COLUMNS = "id, kind, title, body, link, read_at, created_at";
    private static final int MAX_TITLE = 200;
    private static final int MAX_BODY = 4_000;

    private final JdbcClient jdbc;
    private final TenantContext tenants;
    private final ActorContext actors;
    private final Cursors cursors;
    private final Ids ids;
    private final ApplicationEventPublisher publisher;

    Notifications(JdbcClient jdbc, TenantContext tenants, ActorContext actors, Cursors cursors, Ids ids,
            ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.actors = actors;
        this.cursors = cursors;
        this.ids = ids;
        this.publisher = publisher;
    }

    /** The caller's notifications, newest first; only the unread ones when {@code unread}. */
    public Page<Notification> list(boolean unread, int limit, String cursor) {
        Actor actor = actors.requireRole(Role.VIEWER);
        PageRequest page = PageRequest.of(limit, cursor);
        UUID before = null;
        JsonNode position = cursors.position(page);
        if (position != null) {
            if (!position.path("notification").isString() || position.path("unread").asBoolean() != unread) {
                throw ApiException.badRequest("The cursor belongs to a different list; repeat the same filters", "/cursor");
            }
            before = UUID.fromString(position.get("notification").asString());
        }
        UUID from = before;
        String sql = "select " + COLUMNS + " from notifications where tenant_id = :tenant and user_id = :user"
                + (unread ? " and read_at is null" : "") + (from == null ? "" : " and id < :before") + " order by id desc limit :limit";
        List<Notification> rows = tenants.inTenant(actor.tenantId(), () -> {
            var statement = jdbc.sql(sql).param("tenant", actor.tenantId()).param("user", actor.userId()).param("limit", page.rowsToFetch());
            if (from != null) {
                statement = statement.param("before", from);
            }
            return statement.query((rs, n) -> notification(rs)).list();
        });
        return cursors.page(rows, page, last -> JsonNodeFactory.instance.objectNode()
                .put("notification", last.id().toString()).put("unread", unread));
    }

    /** One of the caller's notifications. */
    public Notification get(UUID id) {
        Actor actor = actors.requireRole(Role.VIEWER);
        return tenants.inTenant(actor.tenantId(), () -> jdbc.sql("select " + COLUMNS
                + " from notifications where tenant_id = ? and user_id = ? and id = ?").params(actor.tenantId(), actor.userId(), id)
                .query((rs, n) -> notification(rs)).optional()).orElseThrow(() -> ApiException.notFound("Notification", id));
    }

    /** How many of the caller's notifications are unread. */
    public long unreadCount() {
        Actor actor = actors.requireRole(Role.VIEWER);
        return tenants.inTenant(actor.tenantId(), () -> unread(actor.tenantId(), actor.userId()));
    }

    /** Marks one of the caller's notifications read (again: keeps the first time). */
    public Notification markRead(UUID id) {
        Actor actor = actors.requireRole(Role.VIEWER);
        return tenants.inTenant(actor.tenantId(), () -> {
            Notification read = jdbc.sql("update notifications set read_at = coalesce(read_at, now())"
                    + " where tenant_id = ? and user_id = ? and id = ? returning " + COLUMNS).params(actor.tenantId(), actor.userId(), id)
                    .query((rs, n) -> notification(rs)).optional().orElseThrow(() -> ApiException.notFound("Notification", id));
            publisher.publishEvent(new NotificationsRead(actor.tenantId(), actor.userId(), List.of(id), unread(actor.tenantId(), actor.userId())));
            return read;
        });
    }

    /** Marks every unread notification of the caller read; answers how many were. */
    public int markAllRead() {
        Actor actor = actors.requireRole(Role.VIEWER);
        return tenants.inTenant(actor.tenantId(), () -> {
            List<UUID> read = jdbc.sql("update notifications set read_at = now() where tenant_id = ? and user_id = ? and read_at is null"
                    + " returning id").params(actor.tenantId(), actor.userId()).query(UUID.class).list();
            if (!read.isEmpty()) {
                publisher.publishEvent(new NotificationsRead(actor.tenantId(), actor.userId(), read, 0));
            }
            return read.size();
        });
    }

    private long unread(UUID tenantId, UUID userId) {
        return jdbc.sql("select count(*) from notifications where tenant_id = ? and user_id = ? and read_at is null")
                .params(tenantId, userId).query(Long.class).single();
    }

    /**
     * Stores the drafts (those whose {@code sourceKey} is already stored are skipped), asks for
     * their emails and announces each one to its recipient's sockets ({@link NotificationCreated}),
     * in the caller's tenant transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void store(UUID tenantId, List<Draft> drafts) {
        List<UUID> stored = new ArrayList<>();
        Map<UUID, List<Notification>> byRecipient = new LinkedHashMap<>();
        for (Draft draft : drafts) {
            jdbc.sql("insert into notifications (tenant_id, id, user_id, kind, title, body, link, source_key)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing returning " + COLUMNS)
                    .params(tenantId, ids.next(), draft.userId(), draft.kind(), clip(draft.title(), MAX_TITLE), clip(draft.body(), MAX_BODY),
                            draft.link(), draft.sourceKey())
                    .query((rs, n) -> notification(rs)).optional().ifPresent(notification -> {
                        stored.add(notification.id());
                        byRecipient.computeIfAbsent(draft.userId(), user -> new ArrayList<>()).add(notification);
                    });
        }
        if (!stored.isEmpty()) {
            publisher.publishEvent(new NotificationsStored(tenantId, List.copyOf(stored)));
        }
        byRecipient.forEach((userId, created) -> {
            long unread = unread(tenantId, userId);
            // Each carries the count as it was once it was stored, so the last one pushed is the count after this commit.
            for (int i = 0; i < created.size(); i++) {
                publisher.publishEvent(new NotificationCreated(tenantId, userId, created.get(i), unread - (created.size() - 1 - i)));
            }
        });
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static Notification notification(ResultSet rs) throws SQLException {
        Timestamp readAt = rs.getTimestamp("read_at");
        return new Notification(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("title"), rs.getString("body"),
                rs.getString("link"), readAt == null ? null : readAt.toInstant(), rs.getTimestamp("created_at").toInstant());
    }
}
