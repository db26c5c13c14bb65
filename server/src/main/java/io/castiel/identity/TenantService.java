package io.castiel.identity;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiException;
import io.castiel.platform.Role;
import io.castiel.platform.TenantContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tenant itself: its name and {@link TenantSettings}. Everyone in the tenant may read it;
 * admins change its settings (they manage users, so they decide whether those need MFA or a
 * verified email); only owners rename it. Other modules read settings through {@link #settings(UUID)}.
 */
@Service
public class TenantService {

    public record Tenant(UUID id, String slug, String name, TenantSettings settings) {
    }

    private final JdbcClient jdbc;
    private final TenantContext tenants;
    private final ActorContext actors;
    private final AuditLog audit;
    private final JsonMapper json;

    TenantService(JdbcClient jdbc, TenantContext tenants, ActorContext actors, AuditLog audit, JsonMapper json) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.actors = actors;
        this.audit = audit;
        this.json = json;
    }

    public Tenant current() {
        Actor actor = actors.current();
        return tenants.inTenant(actor.tenantId(), () -> load(actor.tenantId()));
    }

    /** A tenant's settings; call it in that tenant's transaction or with no transaction at all. */
    public TenantSettings settings(UUID tenantId) {
        return tenants.inTenant(tenantId, () -> load(tenantId).settings());
    }

    /**
     * Applies a JSON merge patch of {@code {name?, settings?}}: fields left out keep their value,
     * {@code null} resets a setting to its default.
     */
    public Tenant update(JsonNode patch) {
        Actor actor = actors.requireRole(Role.ADMIN);
        if (patch == null || !patch.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object");
        }
        if (patch.has("name") && !actor.has(Role.OWNER)) {
            throw ApiException.forbidden("Only owners rename the tenant");
        }
        for (String field : patch.propertyNames()) {
            if (!field.equals("name") && !field.equals("settings")) {
                throw ApiException.badRequest("Only name and settings can be changed", "/" + field);
            }
        }
        return tenants.inTenant(actor.tenantId(), () -> {
            Tenant before = load(actor.tenantId());
            String name = before.name();
            if (patch.has("name")) {
                JsonNode value = patch.get("name");
                if (!value.isString() || value.asString().isBlank() || value.asString().length() > 200) {
                    throw ApiException.badRequest("name must be a non-empty string of at most 200 characters", "/name");
                }
                name = value.asString().trim();
            }
            TenantSettings settings = before.settings();
            if (patch.has("settings")) {
                JsonNode changes = patch.get("settings");
                if (!changes.isObject()) {
                    throw ApiException.badRequest("settings must be an object", "/settings");
                }
                ObjectNode merged = json.valueToTree(settings);
                changes.properties().forEach(e -> {
                    if (!merged.has(e.getKey())) {
                        throw ApiException.badRequest("Unknown setting " + e.getKey(), "/settings/" + e.getKey());
                    }
                    merged.set(e.getKey(), e.getValue().isNull() ? json.valueToTree(TenantSettings.DEFAULTS).get(e.getKey()) : e.getValue());
                });
                try {
                    settings = json.treeToValue(merged, TenantSettings.class).validated();
                } catch (tools.jackson.core.JacksonException e) {
                    throw ApiException.badRequest("settings has a value of the wrong type", "/settings");
                }
            }
            jdbc.sql("update tenants set name = ?, settings = ?::jsonb where id = ?")
                    .params(name, json.writeValueAsString(settings), actor.tenantId()).update();
            audit.record(AuditEntry.of("tenant.updated", "tenant", actor.tenantId(), patch).by(actor.userId()));
            return new Tenant(before.id(), before.slug(), name, settings);
        });
    }

    /** Stored settings over the defaults, so that settings added later read as their default. */
    private TenantSettings settingsOf(String stored) {
        ObjectNode merged = json.valueToTree(TenantSettings.DEFAULTS);
        merged.setAll((ObjectNode) json.readTree(stored));
        return json.treeToValue(merged, TenantSettings.class);
    }

    private Tenant load(UUID tenantId) {
        return jdbc.sql("select id, slug, name, settings::text from tenants where id = ?").param(tenantId)
                .query((rs, n) -> new Tenant(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        settingsOf(rs.getString(4))))
                .optional()
                .orElseThrow(() -> ApiException.notFound("tenant", tenantId));
    }
}
