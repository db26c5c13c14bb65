package io.castiel.identity.internal.sso;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.w3c.dom.Document;

import com.onelogin.saml2.settings.IdPMetadataParser;
import com.onelogin.saml2.settings.SettingsBuilder;
import com.onelogin.saml2.util.Util;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiException;
import io.castiel.platform.Role;
import io.castiel.platform.TenantContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's SAML identity provider, configured by its admins from the IdP's metadata
 * ({@code PUT/GET/DELETE /sso/saml}), with the optional mapping of an assertion attribute's
 * values (IdP groups) to tenant roles. Owner is never a mapping target.
 */
@Service
public class SamlConfigs {

    private static final int MAX_METADATA = 512 * 1024;

    /** A stored configuration. */
    record Config(String idpEntityId, String idpMetadataXml, String roleAttribute, Map<String, Role> roleMapping, Instant updatedAt) {
    }

    /** What GET answers: the IdP as parsed, and the SP values to register at the IdP. */
    public record View(String idpEntityId, String idpSsoUrl, String roleAttribute, Map<String, String> roleMapping, String spEntityId,
            String acsUrl, String spMetadataUrl, Instant updatedAt) {
    }

    private final JdbcClient jdbc;
    private final TenantContext tenants;
    private final ActorContext actors;
    private final AuditLog audit;
    private final JsonMapper json;
    private final PublicUrls urls;

    SamlConfigs(JdbcClient jdbc, TenantContext tenants, ActorContext actors, AuditLog audit, JsonMapper json, PublicUrls urls) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.actors = actors;
        this.audit = audit;
        this.json = json;
        this.urls = urls;
    }

    public View get() {
        Actor actor = actors.requireRole(Role.ADMIN);
        return tenants.inTenant(actor.tenantId(), () -> view(actor.tenantId(), load(actor.tenantId())
                .orElseThrow(() -> ApiException.notFound("SAML configuration of tenant", actor.tenantId()))));
    }

    /** Body {@code {idpMetadataXml, roleAttribute?, roleMapping?}}; replaces the configuration. */
    public View put(JsonNode body) {
        Actor actor = actors.requireRole(Role.ADMIN);
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object");
        }
        for (String field : body.propertyNames()) {
            if (!field.equals("idpMetadataXml") && !field.equals("roleAttribute") && !field.equals("roleMapping")) {
                throw ApiException.badRequest("Unknown field " + field, "/" + field);
            }
        }
        JsonNode xmlNode = body.path("idpMetadataXml");
        if (!xmlNode.isString() || xmlNode.asString().isBlank()) {
            throw ApiException.badRequest("idpMetadataXml (the IdP's SAML metadata XML) is required", "/idpMetadataXml");
        }
        String xml = xmlNode.asString();
        if (xml.length() > MAX_METADATA) {
            throw ApiException.badRequest("idpMetadataXml is larger than 512 KiB", "/idpMetadataXml");
        }
        Map<String, Object> idp = parseMetadata(xml);
        String roleAttribute = null;
        JsonNode attributeNode = body.path("roleAttribute");
        if (!attributeNode.isMissingNode() && !attributeNode.isNull()) {
            if (!attributeNode.isString() || attributeNode.asString().isBlank() || attributeNode.asString().length() > 256) {
                throw ApiException.badRequest("roleAttribute must be a non-empty string of at most 256 characters", "/roleAttribute");
            }
            roleAttribute = attributeNode.asString();
        }
        Map<String, Role> mapping = roleMapping(body.path("roleMapping"));
        if (!mapping.isEmpty() && roleAttribute == null) {
            throw ApiException.badRequest("roleMapping needs roleAttribute (the assertion attribute carrying the groups)", "/roleAttribute");
        }
        String entityId = (String) idp.get(SettingsBuilder.IDP_ENTITYID_PROPERTY_KEY);
        String attribute = roleAttribute;
        return tenants.inTenant(actor.tenantId(), () -> {
            ObjectNode mappingJson = JsonNodeFactory.instance.objectNode();
            mapping.forEach((group, role) -> mappingJson.put(group, role.wireName()));
            jdbc.sql("""
                    insert into saml_configs (tenant_id, idp_entity_id, idp_metadata_xml, role_attribute, role_mapping)
                    values (?, ?, ?, ?, ?::jsonb)
                    on conflict (tenant_id) do update set idp_entity_id = excluded.idp_entity_id,
                        idp_metadata_xml = excluded.idp_metadata_xml, role_attribute = excluded.role_attribute,
                        role_mapping = excluded.role_mapping, updated_at = now()""")
                    .params(actor.tenantId(), entityId, xml, attribute, json.writeValueAsString(mappingJson)).update();
            audit.record(AuditEntry.of("sso.saml_configured", "tenant", actor.tenantId(), JsonNodeFactory.instance.objectNode()
                    .put("idpEntityId", entityId).put("roleAttribute", attribute).set("roleMapping", mappingJson)).by(actor.userId()));
            return view(actor.tenantId(), load(actor.tenantId()).orElseThrow());
        });
    }

    public void delete() {
        Actor actor = actors.requireRole(Role.ADMIN);
        tenants.inTenant(actor.tenantId(), () -> {
            int deleted = jdbc.sql("delete from saml_configs where tenant_id = ?").param(actor.tenantId()).update();
            if (deleted == 0) {
                throw ApiException.notFound("SAML configuration of tenant", actor.tenantId());
            }
            audit.record(AuditEntry.of("sso.saml_removed", "tenant", actor.tenantId(), null).by(actor.userId()));
            return null;
        });
    }

    /** The tenant's configuration; call it in the tenant's transaction. */
    Optional<Config> load(UUID tenantId) {
        return jdbc.sql("""
                select idp_entity_id, idp_metadata_xml, role_attribute, role_mapping::text, updated_at
                from saml_configs where tenant_id = ?""")
                .param(tenantId)
                .query((rs, n) -> {
                    Map<String, Role> mapping = new LinkedHashMap<>();
                    json.readTree(rs.getString(4)).properties()
                            .forEach(e -> Role.fromWire(e.getValue().asString()).ifPresent(role -> mapping.put(e.getKey(), role)));
                    return new Config(rs.getString(1), rs.getString(2), rs.getString(3), mapping, rs.getTimestamp(5).toInstant());
                })
                .optional();
    }

    /** The IdP settings of metadata XML (entity id, SSO URL, signing certificates); 400 when unusable. */
    static Map<String, Object> parseMetadata(String xml) {
        Document document = xml.contains("<!DOCTYPE") || xml.contains("<!ENTITY") ? null : Util.loadXML(xml);
        if (document == null) {
            throw ApiException.badRequest("idpMetadataXml is not well-formed XML (DTDs are not accepted)", "/idpMetadataXml");
        }
        Map<String, Object> idp;
        try {
            idp = IdPMetadataParser.parseXML(document);
        } catch (Exception e) {
            throw ApiException.badRequest("idpMetadataXml is not SAML 2.0 IdP metadata", "/idpMetadataXml");
        }
        if (idp.get(SettingsBuilder.IDP_ENTITYID_PROPERTY_KEY) == null) {
            throw ApiException.badRequest("idpMetadataXml has no IDPSSODescriptor with an entityID", "/idpMetadataXml");
        }
        if (idp.get(SettingsBuilder.IDP_SINGLE_SIGN_ON_SERVICE_URL_PROPERTY_KEY) == null) {
            throw ApiException.badRequest("idpMetadataXml has no SingleSignOnService with the HTTP-Redirect binding", "/idpMetadataXml");
        }
        if (idp.get(SettingsBuilder.IDP_X509CERT_PROPERTY_KEY) == null && idp.keySet().stream()
                .noneMatch(k -> k.startsWith(SettingsBuilder.IDP_X509CERTMULTI_PROPERTY_KEY))) {
            throw ApiException.badRequest("idpMetadataXml has no signing certificate (assertions must be signed)", "/idpMetadataXml");
        }
        return idp;
    }

    private static Map<String, Role> roleMapping(JsonNode node) {
        Map<String, Role> mapping = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return mapping;
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("roleMapping must be an object of IdP group to role", "/roleMapping");
        }
        if (node.size() > 500) {
            throw ApiException.badRequest("roleMapping has more than 500 entries", "/roleMapping");
        }
        node.properties().forEach(e -> {
            String pointer = "/roleMapping/" + e.getKey().replace("~", "~0").replace("/", "~1");
            Optional<Role> role = e.getValue().isString() ? Role.fromWire(e.getValue().asString()) : Optional.empty();
            if (role.isEmpty() || role.get() == Role.OWNER) {
                throw ApiException.badRequest("A mapped role must be admin, member or viewer (never owner)", pointer);
            }
            if (e.getKey().isEmpty() || e.getKey().length() > 256) {
                throw ApiException.badRequest("A group name must have 1 to 256 characters", pointer);
            }
            mapping.put(e.getKey(), role.get());
        });
        return mapping;
    }

    private View view(UUID tenantId, Config config) {
        String slug = jdbc.sql("select slug from tenants where id = ?").param(tenantId).query(String.class).single();
        Map<String, Object> idp = parseMetadata(config.idpMetadataXml());
        Map<String, String> mapping = new LinkedHashMap<>();
        config.roleMapping().forEach((group, role) -> mapping.put(group, role.wireName()));
        return new View(config.idpEntityId(), String.valueOf(idp.get(SettingsBuilder.IDP_SINGLE_SIGN_ON_SERVICE_URL_PROPERTY_KEY)),
                config.roleAttribute(), mapping, SamlLogin.entityId(urls, slug), SamlLogin.acsUrl(urls, slug),
                SamlLogin.entityId(urls, slug), config.updatedAt());
    }
}
