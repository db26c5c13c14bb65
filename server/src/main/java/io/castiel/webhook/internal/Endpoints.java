package io.castiel.webhook.internal;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Managing a tenant's webhook endpoints (admins only) and reading their delivery logs. An endpoint
 * receives every event of the tenant its filter matches, whichever shard it is about: endpoints are
 * made by admins, who may read every shard of the tenant anyway. The secret is answered only on
 * creation.
 */
@Service
public class Endpoints {

    /** An endpoint as it is read back: never the secret. */
    public record Endpoint(UUID id, String url, List<String> events, String description, boolean enabled, Instant createdAt,
            Instant updatedAt, @JsonInclude(JsonInclude.Include.NON_NULL) Instant disabledAt) {
    }

    /** The answer to a creation: the only time {@code secret} is shown. */
    public record CreatedEndpoint(UUID id, String url, List<String> events, String secret, boolean enabled, String description,
            Instant createdAt) {
    }

    /** One delivery attempt as the log shows it. */
    public record Delivery(UUID id, UUID eventId, String eventType, int attempt, String status, Integer responseCode, Long durationMs,
            @JsonInclude(JsonInclude.Include.NON_NULL) String error, Instant createdAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant nextAttemptAt) {
    }

    /** A PATCH: null fields are left as they are. */
    public record Changes(String url, List<String> events, JsonNode description, Boolean enabled) {
    }

    private static final int MAX_DESCRIPTION = 500;

    private final JdbcClient jdbc;
    private final TenantContext tenants;
    private final ActorContext actors;
    private final AuditLog audit;
    private final Cursors cursors;
    private final Ids ids;
    private final Clock clock;
    private final WebhookSecrets secrets;
    private final AddressGuard guard;
    private final DeliveryDispatcher dispatcher;

    Endpoints(JdbcClient jdbc, TenantContext tenants, ActorContext actors, AuditLog audit, Cursors cursors, Ids ids, Clock clock,
            WebhookSecrets secrets, AddressGuard guard, DeliveryDispatcher dispatcher) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.actors = actors;
        this.audit = audit;
        this.cursors = cursors;
        this.ids = ids;
        this.clock = clock;
        this.secrets = secrets;
        this.guard = guard;
        this.dispatcher = dispatcher;
    }

    public CreatedEndpoint create(String url, List<String> events, String description) {
        Actor actor = actors.requireRole(Role.ADMIN);
        String checkedUrl = checkUrl(url);
        List<String> filters = EventFilters.parse(events);
        String text = description(description);
        UUID id = ids.next();
        String secret = secrets.generate();
        Instant now = clock.instant();
        return tenants.inTenant(actor.tenantId(), () -> {
            jdbc.sql("""
                    insert into webhook_endpoints (tenant_id, id, url, events, description, secret_sealed, created_by, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(actor.tenantId(), id, checkedUrl, filters.toArray(String[]::new), text,
                            secrets.seal(secret, sealContext(actor.tenantId(), id)), actor.userId(), Timestamp.from(now), Timestamp.from(now))
                    .update();
            ObjectNode changes = JsonNodeFactory.instance.objectNode().put("url", checkedUrl).put("description", text);
            changes.set("events", array(filters));
            audit.record(AuditEntry.of("webhook.created", "webhook", id, changes).by(actor.userId()));
            return new CreatedEndpoint(id, checkedUrl, filters, secret, true, text, now);
        });
    }

    public Page<Endpoint> list(int limit, String cursor) {
        Actor actor = actors.requireRole(Role.ADMIN);
        PageRequest page = PageRequest.of(limit, cursor);
        UUID after = cursors.afterId(page, "webhookId");
        List<Endpoint> rows = tenants.inTenant(actor.tenantId(), () -> jdbc.sql("select * from webhook_endpoints where tenant_id = :tenant"
                + (after == null ? "" : " and id > :after") + " order by id limit :limit")
                .param("tenant", actor.tenantId()).param("limit", page.rowsToFetch())
                .params(after == null ? java.util.Map.of() : java.util.Map.of("after", after))
                .query((rs, n) -> endpoint(rs)).list());
        return cursors.pageById(rows, page, "webhookId", Endpoint::id);
    }

    public Endpoint get(UUID id) {
        Actor actor = actors.requireRole(Role.ADMIN);
        return tenants.inTenant(actor.tenantId(), () -> find(actor.tenantId(), id, false));
    }

    public Endpoint update(UUID id, Changes changes) {
        Actor actor = actors.requireRole(Role.ADMIN);
        String url = changes.url() == null ? null : checkUrl(changes.url());
        List<String> filters = changes.events() == null ? null : EventFilters.parse(changes.events());
        boolean descriptionGiven = changes.description() != null;
        String description = null;
        if (descriptionGiven && !changes.description().isNull()) {
            if (!changes.description().isString()) {
                throw ApiException.badRequest("description must be a string or null", "/description");
            }
            description = description(changes.description().asString());
        }
        String newDescription = description;
        boolean reEnabled = tenants.inTenant(actor.tenantId(), () -> {
            Endpoint before = find(actor.tenantId(), id, true);
            ObjectNode audited = JsonNodeFactory.instance.objectNode();
            Instant now = clock.instant();
            if (url != null) {
                jdbc.sql("update webhook_endpoints set url = ? where tenant_id = ? and id = ?").params(url, actor.tenantId(), id).update();
                audited.put("url", url);
            }
            if (filters != null) {
                jdbc.sql("update webhook_endpoints set events = ? where tenant_id = ? and id = ?")
                        .params(filters.toArray(String[]::new), actor.tenantId(), id).update();
                audited.set("events", array(filters));
            }
            if (descriptionGiven) {
                jdbc.sql("update webhook_endpoints set description = ? where tenant_id = ? and id = ?")
                        .params(newDescription, actor.tenantId(), id).update();
                audited.put("description", newDescription);
            }
            boolean enabling = Boolean.TRUE.equals(changes.enabled()) && !before.enabled();
            if (changes.enabled() != null && changes.enabled() != before.enabled()) {
                jdbc.sql("update webhook_endpoints set enabled = ?, disabled_at = ? where tenant_id = ? and id = ?")
                        .params(changes.enabled(), changes.enabled() ? null : Timestamp.from(now), actor.tenantId(), id).update();
                audited.put("enabled", changes.enabled());
            }
            if (enabling) {
                // Re-enabling resets the failure state: what is still queued is tried again now,
                // with its retries counted from the start.
                jdbc.sql("""
                        update webhook_deliveries set next_attempt_at = ?, leased_until = null
                        where tenant_id = ? and endpoint_id = ? and status = 'pending'""")
                        .params(Timestamp.from(now), actor.tenantId(), id).update();
            }
            jdbc.sql("update webhook_endpoints set updated_at = ? where tenant_id = ? and id = ?")
                    .params(Timestamp.from(now), actor.tenantId(), id).update();
            audit.record(AuditEntry.of("webhook.updated", "webhook", id, audited).by(actor.userId()));
            return enabling;
        });
        if (reEnabled) {
            dispatcher.kick();
        }
        return get(id);
    }

    public void delete(UUID id) {
        Actor actor = actors.requireRole(Role.ADMIN);
        tenants.inTenant(actor.tenantId(), () -> {
            Endpoint endpoint = find(actor.tenantId(), id, true);
            jdbc.sql("delete from webhook_endpoints where tenant_id = ? and id = ?").params(actor.tenantId(), id).update();
            audit.record(AuditEntry.of("webhook.deleted", "webhook", id,
                    JsonNodeFactory.instance.objectNode().put("url", endpoint.url())).by(actor.userId()));
            return null;
        });
    }

    /** The endpoint's delivery attempts, newest first. */
    public Page<Delivery> deliveries(UUID endpointId, int limit, String cursor) {
        Actor actor = actors.requireRole(Role.ADMIN);
        PageRequest page = PageRequest.of(limit, cursor);
        UUID before = cursors.afterId(page, "deliveryId");
        List<Delivery> rows = tenants.inTenant(actor.tenantId(), () -> {
            find(actor.tenantId(), endpointId, false);
            return jdbc.sql("select * from webhook_deliveries where tenant_id = :tenant and endpoint_id = :endpoint"
                    + (before == null ? "" : " and id < :before") + " order by id desc limit :limit")
                    .param("tenant", actor.tenantId()).param("endpoint", endpointId).param("limit", page.rowsToFetch())
                    .params(before == null ? java.util.Map.of() : java.util.Map.of("before", before))
                    .query((rs, n) -> delivery(rs)).list();
        });
        return cursors.pageById(rows, page, "deliveryId", Delivery::id);
    }

    /**
     * A new attempt of that delivery's event, due now. It is queued behind what the endpoint
     * already has pending (order per endpoint holds) and is a single attempt: no retries, and its
     * failure does not count towards disabling the endpoint.
     */
    public void redeliver(UUID endpointId, UUID deliveryId) {
        Actor actor = actors.requireRole(Role.ADMIN);
        tenants.inTenant(actor.tenantId(), () -> {
            find(actor.tenantId(), endpointId, true);
            var source = jdbc.sql("""
                    select event_id, event_type, payload, (select max(attempt) from webhook_deliveries m
                        where m.tenant_id = d.tenant_id and m.endpoint_id = d.endpoint_id and m.event_id = d.event_id) as last
                    from webhook_deliveries d where tenant_id = ? and endpoint_id = ? and id = ?""")
                    .params(actor.tenantId(), endpointId, deliveryId)
                    .query((rs, n) -> new Object[] {rs.getObject("event_id", UUID.class), rs.getString("event_type"), rs.getString("payload"),
                            rs.getInt("last")})
                    .optional().orElseThrow(() -> ApiException.notFound("Delivery", deliveryId));
            UUID id = ids.next();
            Instant now = clock.instant();
            jdbc.sql("""
                    insert into webhook_deliveries (tenant_id, id, endpoint_id, queue_key, event_id, event_type, payload, attempt, redelivery,
                        status, created_at, next_attempt_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, true, 'pending', ?, ?)""")
                    .params(actor.tenantId(), id, endpointId, id, source[0], source[1], source[2], (int) source[3] + 1, Timestamp.from(now),
                            Timestamp.from(now))
                    .update();
            audit.record(AuditEntry.of("webhook.redelivered", "webhook", endpointId,
                    JsonNodeFactory.instance.objectNode().put("deliveryId", deliveryId.toString()).put("eventId", source[0].toString()))
                    .by(actor.userId()));
            return null;
        });
        dispatcher.kick();
    }

    private Endpoint find(UUID tenantId, UUID id, boolean lock) {
        return jdbc.sql("select * from webhook_endpoints where tenant_id = ? and id = ?" + (lock ? " for update" : ""))
                .params(tenantId, id).query((rs, n) -> endpoint(rs)).optional()
                .orElseThrow(() -> ApiException.notFound("Webhook", id));
    }

    private String checkUrl(String url) {
        try {
            URI uri = guard.check(url);
            return uri.toString();
        } catch (AddressGuard.Refused e) {
            throw ApiException.badRequest(e.getMessage(), "/url");
        }
    }

    private static String description(String description) {
        if (description == null) {
            return null;
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw ApiException.badRequest("description must be at most " + MAX_DESCRIPTION + " characters", "/description");
        }
        return description;
    }

    static String sealContext(UUID tenantId, UUID endpointId) {
        return "webhook:" + tenantId + ":" + endpointId;
    }

    private static Endpoint endpoint(ResultSet rs) throws SQLException {
        return new Endpoint(rs.getObject("id", UUID.class), rs.getString("url"), Arrays.asList((String[]) rs.getArray("events").getArray()),
                rs.getString("description"), rs.getBoolean("enabled"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("disabled_at")));
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        String status = rs.getString("status");
        return new Delivery(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class), rs.getString("event_type"),
                rs.getInt("attempt"), status, (Integer) rs.getObject("response_code"), (Long) rs.getObject("duration_ms"),
                rs.getString("error"), instant(rs.getTimestamp("created_at")),
                status.equals("pending") ? instant(rs.getTimestamp("next_attempt_at")) : null);
    }

    private static tools.jackson.databind.node.ArrayNode array(List<String> values) {
        var array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
