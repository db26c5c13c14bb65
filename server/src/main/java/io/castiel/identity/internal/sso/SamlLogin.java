package io.castiel.identity.internal.sso;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;
import org.w3c.dom.Document;

import com.onelogin.saml2.authn.AuthnRequest;
import com.onelogin.saml2.authn.SamlResponse;
import com.onelogin.saml2.http.HttpRequest;
import com.onelogin.saml2.settings.Metadata;
import com.onelogin.saml2.settings.Saml2Settings;
import com.onelogin.saml2.settings.SettingsBuilder;
import com.onelogin.saml2.util.Constants;
import com.onelogin.saml2.util.Util;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.platform.ApiException;
import io.castiel.platform.Role;
import io.castiel.platform.TenantContext;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * SAML 2.0 service provider, one per tenant (entity id = its metadata URL). SP-initiated login
 * sends an AuthnRequest by HTTP-Redirect; the ACS accepts only responses whose assertion is
 * signed by the tenant's IdP and that pass audience, destination, recipient and time checks
 * (OneLogin java-saml in strict mode, signatures by Apache Santuario). A response answering our
 * request must match a stored, unused request id; every assertion id is remembered until its
 * NotOnOrAfter, so a response is accepted once.
 */
@Service
public class SamlLogin {

    private static final Logger log = LoggerFactory.getLogger(SamlLogin.class);
    private static final List<String> EMAIL_ATTRIBUTES = List.of("email", "mail", "emailAddress",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "urn:oid:0.9.2342.19200300.100.1.3");
    private static final List<String> NAME_ATTRIBUTES = List.of("displayName", "name",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "urn:oid:2.16.840.1.113730.3.1.241");

    private final JdbcClient jdbc;
    private final TenantContext tenants;
    private final SamlConfigs configs;
    private final LoginStates states;
    private final SsoAccounts accounts;
    private final RedirectTargets redirects;
    private final PublicUrls urls;
    private final AuditLog audit;
    private final Clock clock;

    SamlLogin(JdbcClient jdbc, TenantContext tenants, SamlConfigs configs, LoginStates states, SsoAccounts accounts,
            RedirectTargets redirects, PublicUrls urls, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.configs = configs;
        this.states = states;
        this.accounts = accounts;
        this.redirects = redirects;
        this.urls = urls;
        this.audit = audit;
        this.clock = clock;
    }

    static String entityId(PublicUrls urls, String slug) {
        return urls.of("/api/v1/auth/saml/" + slug + "/metadata");
    }

    static String acsUrl(PublicUrls urls, String slug) {
        return urls.of("/api/v1/auth/saml/" + slug + "/acs");
    }

    /** The SP metadata to register at the IdP (served for every tenant, configured or not). */
    public String metadata(String slug) {
        tenantOf(slug);
        try {
            return new Metadata(settings(slug, null)).getMetadataString();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write SP metadata", e);
        }
    }

    /**
     * Whether the tenant of this slug has a SAML IdP configured (what the sign-in page asks before
     * offering SAML). An unknown slug answers false, like a tenant without SAML: this tells no more
     * than the login endpoint, which answers 404 for both.
     */
    public boolean configuredFor(String slug) {
        if (slug == null || slug.isBlank() || slug.length() > 100) {
            return false;
        }
        return jdbc.sql("select sso_tenant_by_slug(?)").param(slug).query(UUID.class).optional().filter(Objects::nonNull)
                .map(tenantId -> tenants.inTenant(tenantId, () -> configs.load(tenantId)).isPresent())
                .orElse(false);
    }

    /** Starts an SP-initiated login: answers the IdP's SSO URL with the AuthnRequest and RelayState. */
    public URI login(String slug, String redirectUri) {
        UUID tenantId = tenantOf(slug);
        redirects.requireAllowed(redirectUri, "/redirectUri");
        Saml2Settings settings = settings(slug, configured(tenantId));
        AuthnRequest request = new AuthnRequest(settings);
        String encoded;
        try {
            encoded = request.getEncodedAuthnRequest();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot encode the AuthnRequest", e);
        }
        String relayState = states.begin(new LoginStates.Pending(tenantId, "saml", "saml", null, null, request.getId(), redirectUri, null));
        // Encoded by hand: base64 has "+", which a query keeps literally but decodes as a space.
        return UriComponentsBuilder.fromUri(URI.create(settings.getIdpSingleSignOnServiceUrl().toString()))
                .queryParam("SAMLRequest", URLEncoder.encode(encoded, StandardCharsets.UTF_8))
                .queryParam("RelayState", URLEncoder.encode(relayState, StandardCharsets.UTF_8))
                .build(true).toUri();
    }

    /** The assertion consumer service: validates the response and answers the app URL with a one-time code. */
    public URI acs(String slug, String samlResponse, String relayState) {
        UUID tenantId = tenantOf(slug);
        SamlConfigs.Config config = configured(tenantId);
        if (samlResponse == null || samlResponse.isBlank()) {
            throw ApiException.badRequest("SAMLResponse is required", "/SAMLResponse");
        }
        Saml2Settings settings = settings(slug, config);
        String inResponseTo = inResponseTo(samlResponse);
        SamlResponse response;
        try {
            response = new SamlResponse(settings, new HttpRequest(acsUrl(urls, slug), Map.of("SAMLResponse", List.of(samlResponse)), null));
        } catch (Exception e) {
            throw ApiException.badRequest("SAMLResponse is not a SAML 2.0 response", "/SAMLResponse");
        }
        if (!response.isValid(inResponseTo)) {
            String error = response.getError();
            refuse(tenantId, "invalid", error);
            throw ApiException.unauthorized("The SAML response was refused: " + error);
        }
        String assertionId;
        Instant keepUntil;
        try {
            assertionId = response.getAssertionId();
            keepUntil = response.getAssertionNotOnOrAfter().stream().map(i -> Instant.ofEpochMilli(i.getMillis()))
                    .max(Instant::compareTo).orElse(clock.instant().plus(Duration.ofHours(1)))
                    .plusSeconds(Constants.ALOWED_CLOCK_DRIFT);
        } catch (Exception e) {
            throw ApiException.badRequest("The SAML assertion has no ID", "/SAMLResponse");
        }
        if (!remember(tenantId, assertionId, keepUntil)) {
            log.info("Refused a replayed SAML assertion {}", assertionId);
            // A replay is an attack signal of its own, distinct from an ordinary failed login.
            tenants.inTenant(tenantId, () -> {
                audit.record(new AuditEntry("auth.saml_replay_refused", "saml_assertion", assertionId, null, null));
                return null;
            });
            throw ApiException.unauthorized("This SAML assertion was already used");
        }
        String redirectUri;
        if (inResponseTo != null) {
            redirectUri = states.consumeSamlRequest(tenantId, inResponseTo).map(LoginStates.Pending::redirectUri)
                    .orElseThrow(() -> ApiException.badRequest(
                            "The response answers an unknown, expired or already used login request; start the login again", "/SAMLResponse"));
        } else if (redirects.isAllowed(relayState)) {
            // IdP-initiated: the IdP's RelayState names the app URL, which must be allow-listed.
            redirectUri = relayState;
        } else {
            throw ApiException.badRequest("An IdP-initiated response needs an allowed application URL as RelayState", "/RelayState");
        }
        Map<String, List<String>> attributes;
        String nameId;
        try {
            attributes = response.getAttributes();
            nameId = response.getNameId();
        } catch (Exception e) {
            throw ApiException.badRequest("The SAML assertion's subject or attributes are unreadable", "/SAMLResponse");
        }
        String email = nameId != null && nameId.contains("@") ? nameId : first(attributes, EMAIL_ATTRIBUTES);
        String subject = nameId != null ? nameId : email;
        String code = accounts.signIn(tenantId, new SsoAccounts.ExternalIdentity("saml:" + config.idpEntityId(), subject, email, true,
                first(attributes, NAME_ATTRIBUTES), mappedRole(config, attributes), "saml"));
        return URI.create(RedirectTargets.withCode(redirectUri, code));
    }

    /** The highest role the assertion's groups map to (never owner); null when none maps. */
    static Role mappedRole(SamlConfigs.Config config, Map<String, List<String>> attributes) {
        if (config.roleAttribute() == null) {
            return null;
        }
        List<Role> roles = new ArrayList<>();
        for (String group : attributes.getOrDefault(config.roleAttribute(), List.of())) {
            Role role = config.roleMapping().get(group);
            if (role != null && role != Role.OWNER) {
                roles.add(role);
            }
        }
        return roles.isEmpty() ? null : Role.highest(roles);
    }

    private boolean remember(UUID tenantId, String assertionId, Instant keepUntil) {
        return tenants.inTenant(tenantId, () -> {
            jdbc.sql("delete from saml_seen_assertions where tenant_id = ? and not_on_or_after < ?")
                    .params(tenantId, Timestamp.from(clock.instant())).update();
            return jdbc.sql("""
                    insert into saml_seen_assertions (tenant_id, assertion_id, not_on_or_after) values (?, ?, ?)
                    on conflict do nothing""")
                    .params(tenantId, assertionId, Timestamp.from(keepUntil)).update() == 1;
        });
    }

    private void refuse(UUID tenantId, String reason, String error) {
        log.info("Refused a SAML response ({}): {}", reason, error);
        tenants.inTenant(tenantId, () -> {
            audit.record(new AuditEntry("auth.login_failed", "user", null,
                    JsonNodeFactory.instance.objectNode().put("method", "saml").put("reason", reason).put("error", error), null));
            return null;
        });
    }

    /** The InResponseTo of the response, or null; a response that is not XML is a 400. */
    private static String inResponseTo(String samlResponse) {
        Document document;
        try {
            String xml = new String(Base64.getMimeDecoder().decode(samlResponse), StandardCharsets.UTF_8);
            document = xml.contains("<!DOCTYPE") || xml.contains("<!ENTITY") ? null : Util.loadXML(xml);
        } catch (IllegalArgumentException e) {
            document = null;
        }
        if (document == null || document.getDocumentElement() == null) {
            throw ApiException.badRequest("SAMLResponse is not base64-encoded XML", "/SAMLResponse");
        }
        String value = document.getDocumentElement().getAttribute("InResponseTo");
        return value == null || value.isEmpty() ? null : value;
    }

    private UUID tenantOf(String slug) {
        if (slug == null || slug.length() > 100) {
            throw ApiException.notFound("tenant", slug);
        }
        return jdbc.sql("select sso_tenant_by_slug(?)").param(slug).query(UUID.class).optional().filter(Objects::nonNull)
                .orElseThrow(() -> ApiException.notFound("tenant", slug));
    }

    private SamlConfigs.Config configured(UUID tenantId) {
        return tenants.inTenant(tenantId, () -> configs.load(tenantId))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "Not found", "This tenant has no SAML single sign-on configured"));
    }

    /** Strict settings: signed assertions, XML schema validation, no SHA-1, unsolicited InResponseTo refused. */
    private Saml2Settings settings(String slug, SamlConfigs.Config config) {
        Map<String, Object> values = new HashMap<>();
        if (config != null) {
            values.putAll(SamlConfigs.parseMetadata(config.idpMetadataXml()));
        }
        values.put(SettingsBuilder.STRICT_PROPERTY_KEY, true);
        values.put(SettingsBuilder.SP_ENTITYID_PROPERTY_KEY, entityId(urls, slug));
        values.put(SettingsBuilder.SP_ASSERTION_CONSUMER_SERVICE_URL_PROPERTY_KEY, acsUrl(urls, slug));
        values.put(SettingsBuilder.SP_ASSERTION_CONSUMER_SERVICE_BINDING_PROPERTY_KEY, Constants.BINDING_HTTP_POST);
        values.put(SettingsBuilder.SP_NAMEIDFORMAT_PROPERTY_KEY, Constants.NAMEID_UNSPECIFIED);
        values.put(SettingsBuilder.SECURITY_WANT_ASSERTIONS_SIGNED, true);
        values.put(SettingsBuilder.SECURITY_WANT_MESSAGES_SIGNED, false);
        values.put(SettingsBuilder.SECURITY_WANT_XML_VALIDATION, true);
        values.put(SettingsBuilder.SECURITY_WANT_NAMEID, true);
        values.put(SettingsBuilder.SECURITY_REJECT_DEPRECATED_ALGORITHM, true);
        values.put(SettingsBuilder.SECURITY_REJECT_UNSOLICITED_RESPONSES_WITH_INRESPONSETO, true);
        values.put(SettingsBuilder.SECURITY_AUTHREQUEST_SIGNED, false);
        values.put(SettingsBuilder.SECURITY_REQUESTED_AUTHNCONTEXT, "");
        return new SettingsBuilder().fromValues(values).build();
    }

    private static String first(Map<String, List<String>> attributes, List<String> names) {
        for (String name : names) {
            Optional<String> value = attributes.getOrDefault(name, List.of()).stream().filter(v -> v != null && !v.isBlank()).findFirst();
            if (value.isPresent()) {
                return value.get();
            }
        }
        return null;
    }
}
