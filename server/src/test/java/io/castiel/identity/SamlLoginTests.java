package io.castiel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import com.onelogin.saml2.util.Constants;
import com.onelogin.saml2.util.Util;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SAML 2.0 single sign-on through the real HTTP endpoints, with a test IdP whose key and
 * self-signed certificate are generated here: assertions are signed for real (XML-DSig, RSA-SHA256)
 * and checked by the server against the certificate of the uploaded IdP metadata.
 */
class SamlLoginTests extends CastielTest {

    private static final String APP = "http://localhost:8080/sso/done";
    private static final String IDP_SSO = "https://idp.example.test/sso";
    private static final Signer IDP = Signer.generate("CN=Test IdP");
    private static final Signer FORGER = Signer.generate("CN=Forger");

    @Test
    void spInitiatedLoginWithASignedAssertionHandsTheAppAOneTimeCode() {
        TestTenant tenant = newTenant();
        String idp = configure(tenant, null);
        TestTenant.Member member = addUser(tenant, "member");

        URI idpRedirect = login(tenant);
        assertThat(idpRedirect.toString()).startsWith(IDP_SSO + "?SAMLRequest=");
        String requestId = requestId(idpRedirect);
        Api.Response acs = postResponse(tenant, IDP.sign(assertion(tenant, idp, member.email(), requestId, Map.of())), requestId,
                query(idpRedirect).get("RelayState"));

        assertThat(acs.status()).as(acs.toString()).isEqualTo(302);
        assertThat(acs.header("Location")).startsWith(APP + "?code=");
        Api.Response tokens = anonymous.post("auth/oauth/token", Api.object().put("code", query(URI.create(acs.header("Location"))).get("code")));
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        JsonNode me = anonymous.withToken(tokens.json().get("accessToken").asString()).get("me").json();
        assertThat(me.at("/user/id").asString()).isEqualTo(member.id().toString());
        assertThat(auditActions(tenant)).contains("sso.saml_configured", "user.sso_linked", "auth.login");
    }

    @Test
    void anUnsignedAssertionIsRefused() {
        TestTenant tenant = newTenant();
        String idp = configure(tenant, null);
        TestTenant.Member member = addUser(tenant, "member");
        String requestId = requestId(login(tenant));

        Api.Response acs = postResponse(tenant, assertion(tenant, idp, member.email(), requestId, Map.of()), requestId, null);

        assertThat(acs.status()).isEqualTo(401);
        assertThat(acs.contentType()).startsWith("application/problem+json");
        assertThat(auditActions(tenant)).contains("auth.login_failed");
    }

    @Test
    void anAssertionSignedByAnotherKeyOrChangedAfterSigningIsRefused() {
        TestTenant tenant = newTenant();
        String idp = configure(tenant, null);
        TestTenant.Member member = addUser(tenant, "member");
        TestTenant.Member other = addUser(tenant, "admin");
        String requestId = requestId(login(tenant));

        Api.Response forged = postResponse(tenant, FORGER.sign(assertion(tenant, idp, member.email(), requestId, Map.of())), requestId, null);
        String tampered = IDP.sign(assertion(tenant, idp, member.email(), requestId, Map.of())).replace(member.email(), other.email());
        Api.Response changed = postResponse(tenant, tampered, requestId, null);

        assertThat(forged.status()).as(forged.toString()).isEqualTo(401);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(401);
    }

    @Test
    void aResponseIsAcceptedOnlyOnce() {
        TestTenant tenant = newTenant();
        String idp = configure(tenant, null);
        TestTenant.Member member = addUser(tenant, "member");
        URI idpRedirect = login(tenant);
        String requestId = requestId(idpRedirect);
        String signed = IDP.sign(assertion(tenant, idp, member.email(), requestId, Map.of()));

        assertThat(postResponse(tenant, signed, requestId, query(idpRedirect).get("RelayState")).status()).isEqualTo(302);
        Api.Response replay = postResponse(tenant, signed, requestId, query(idpRedirect).get("RelayState"));

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.json().get("detail").asString()).contains("already used");
        assertThat(auditActions(tenant)).contains("auth.saml_replay_refused");
        int remembered = tenants.inTenant(tenant.id(), () -> jdbc.sql(
                "select count(*) from saml_seen_assertions where not_on_or_after > now() + interval '4 minutes'").query(Integer.class).single());
        assertThat(remembered).as("kept until its NotOnOrAfter").isEqualTo(1);
    }

    @Test
    void anIdpInitiatedResponseIsAcceptedOnceToo() {
        TestTenant tenant = newTenant();
        String idp = configure(tenant, null);
        TestTenant.Member member = addUser(tenant, "viewer");
        String signed = IDP.sign(assertion(tenant, idp, member.email(), null, Map.of()));

        assertThat(postResponse(tenant, signed, null, APP).status()).isEqualTo(302);
        assertThat(postResponse(tenant, signed, null, APP).status()).isEqualTo(401);
        String another = IDP.sign(assertion(tenant, idp, member.email(), null, Map.of()));
        assertThat(postResponse(tenant, another, null, "https://evil.example/steal").status()).isEqualTo(400);
    }

    @Test
    void anExpiredAssertionIsRefused() {
        TestTenant tenant = newTenant();
        String idp = configure(tenant, null);
        TestTenant.Member member = addUser(tenant, "member");
        String requestId = requestId(login(tenant));
        Instant past = Instant.now().minus(Duration.ofMinutes(20));

        Api.Response acs = postResponse(tenant, IDP.sign(assertion(tenant, idp, member.email(), requestId, Map.of(), past,
                audience(tenant))), requestId, null);

        assertThat(acs.status()).isEqualTo(401);
    }

    @Test
    void anAssertionForAnotherServiceProviderIsRefused() {
        TestTenant tenant = newTenant();
        String idp = configure(tenant, null);
        TestTenant.Member member = addUser(tenant, "member");
        String requestId = requestId(login(tenant));

        Api.Response acs = postResponse(tenant, IDP.sign(assertion(tenant, idp, member.email(), requestId, Map.of(), Instant.now(),
                "https://another-sp.example.test/metadata")), requestId, null);

        assertThat(acs.status()).isEqualTo(401);
        assertThat(acs.json().get("detail").asString()).containsIgnoringCase("audience");
    }

    @Test
    void aResponseAddressedToAnotherEndpointIsRefused() {
        TestTenant tenant = newTenant();
        String idp = configure(tenant, null);
        TestTenant.Member member = addUser(tenant, "member");
        String requestId = requestId(login(tenant));
        String signed = IDP.sign(assertion(tenant, idp, member.email(), requestId, Map.of()));

        Api.Response acs = postRaw(tenant, form(response(signed, requestId, "https://another-sp.example.test/acs"), null));

        assertThat(acs.status()).isEqualTo(401);
        assertThat(acs.json().get("detail").asString()).contains("instead of https://another-sp.example.test/acs");
    }

    @Test
    void aLoginMayOnlyReturnToAnAllowedApplicationUrl() {
        TestTenant tenant = newTenant();
        configure(tenant, null);

        Api.Response response = anonymous.get("auth/saml/" + tenant.slug() + "/login?redirectUri=https://evil.example/steal");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/errors/0/pointer").asString()).isEqualTo("/redirectUri");
    }

    @Test
    void aResponseToAnUnknownRequestIsRefused() {
        TestTenant tenant = newTenant();
        String idp = configure(tenant, null);
        TestTenant.Member member = addUser(tenant, "member");
        String madeUp = "_" + UUID.randomUUID();

        Api.Response acs = postResponse(tenant, IDP.sign(assertion(tenant, idp, member.email(), madeUp, Map.of())), madeUp, null);

        assertThat(acs.status()).isEqualTo(400);
    }

    @Test
    void provisioningMapsTheHighestMappedGroupToARoleAndFallsBackToTheDefault() {
        TestTenant tenant = newTenant();
        assertThat(tenant.api().patch("tenant", Api.parse("{\"settings\":{\"ssoProvisioning\":\"provision\",\"ssoDefaultRole\":\"viewer\"}}"))
                .status()).isEqualTo(200);
        ObjectNode mapping = Api.object().put("engineering", "member").put("it-admins", "admin");
        String idp = configure(tenant, mapping);

        JsonNode admin = signInNew(tenant, idp, Map.of("groups", List.of("engineering", "it-admins", "unmapped")));
        JsonNode plain = signInNew(tenant, idp, Map.of("groups", List.of("unmapped")));
        JsonNode member = signInNew(tenant, idp, Map.of("groups", List.of("engineering")));

        assertThat(admin.at("/user/roles").toString()).isEqualTo("[\"admin\"]");
        assertThat(plain.at("/user/roles").toString()).isEqualTo("[\"viewer\"]");
        assertThat(member.at("/user/roles").toString()).isEqualTo("[\"member\"]");
        assertThat(auditActions(tenant)).contains("user.created");
    }

    @Test
    void withoutProvisioningAnUnknownPersonIsRefusedAndOwnersNeverSignInThroughSaml() {
        TestTenant tenant = newTenant();
        String idp = configure(tenant, null);

        String requestId = requestId(login(tenant));
        Api.Response unknown = postResponse(tenant, IDP.sign(assertion(tenant, idp, "nobody-" + UUID.randomUUID() + "@example.test",
                requestId, Map.of())), requestId, null);
        String ownerRequest = requestId(login(tenant));
        Api.Response owner = postResponse(tenant, IDP.sign(assertion(tenant, idp, tenant.ownerEmail(), ownerRequest, Map.of())),
                ownerRequest, null);

        assertThat(unknown.status()).isEqualTo(403);
        assertThat(owner.status()).isEqualTo(403);
    }

    @Test
    void adminsManageTheIdpConfigurationAndNobodyMapsToOwner() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        String metadata = idpMetadata("https://idp.example.test/" + UUID.randomUUID(), IDP.certificateBase64());

        assertThat(tenant.api().get("sso/saml").status()).isEqualTo(404);
        assertThat(member.api().put("sso/saml", Api.object().put("idpMetadataXml", metadata)).status()).isEqualTo(403);
        Api.Response notXml = tenant.api().put("sso/saml", Api.object().put("idpMetadataXml", "<not xml"));
        assertThat(notXml.status()).isEqualTo(400);
        assertThat(notXml.json().at("/errors/0/pointer").asString()).isEqualTo("/idpMetadataXml");
        assertThat(tenant.api().put("sso/saml", Api.object().put("idpMetadataXml", "<EntityDescriptor/>")).status()).isEqualTo(400);
        Api.Response toOwner = tenant.api().put("sso/saml", Api.object().put("idpMetadataXml", metadata).put("roleAttribute", "groups")
                .set("roleMapping", Api.object().put("bosses", "owner")));
        assertThat(toOwner.status()).isEqualTo(400);
        assertThat(toOwner.json().at("/errors/0/pointer").asString()).isEqualTo("/roleMapping/bosses");

        Api.Response saved = tenant.api().put("sso/saml", Api.object().put("idpMetadataXml", metadata));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.json().get("spEntityId").asString()).isEqualTo(audience(tenant));
        assertThat(saved.json().get("acsUrl").asString()).isEqualTo(acsUrl(tenant));
        assertThat(tenant.api().get("sso/saml").json().get("idpSsoUrl").asString()).isEqualTo(IDP_SSO);
        assertThat(member.api().delete("sso/saml").status()).isEqualTo(403);
        assertThat(tenant.api().delete("sso/saml").status()).isEqualTo(204);
        assertThat(tenant.api().get("sso/saml").status()).isEqualTo(404);
        assertThat(anonymous.get("auth/saml/" + tenant.slug() + "/login?redirectUri=" + APP).status()).isEqualTo(404);
    }

    @Test
    void theSpMetadataNamesTheEntityIdAndAcsOfTheTenant() {
        TestTenant tenant = newTenant();

        Api.Response metadata = anonymous.get("auth/saml/" + tenant.slug() + "/metadata");

        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.contentType()).startsWith("application/xml");
        assertThat(metadata.text()).contains("entityID=\"" + audience(tenant) + "\"").contains("Location=\"" + acsUrl(tenant) + "\"");
        assertThat(anonymous.get("auth/saml/no-such-tenant-" + UUID.randomUUID() + "/metadata").status()).isEqualTo(404);
        assertThat(anonymous.raw("POST", "auth/saml/" + tenant.slug() + "/acs", "SAMLResponse=bm90IHhtbA", "application/x-www-form-urlencoded")
                .status()).isEqualTo(404);
    }

    @Test
    void malformedResponsesAreBadRequests() {
        TestTenant tenant = newTenant();
        configure(tenant, null);

        assertThat(postRaw(tenant, "SAMLResponse=%%%").status()).isEqualTo(400);
        assertThat(postRaw(tenant, "SAMLResponse=" + enc(Base64.getEncoder().encodeToString("not xml".getBytes()))).status()).isEqualTo(400);
        assertThat(postRaw(tenant, "").status()).isEqualTo(400);
        String doctype = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";
        assertThat(postRaw(tenant, "SAMLResponse=" + enc(Base64.getEncoder().encodeToString(doctype.getBytes()))).status()).isEqualTo(400);
    }

    // --- helpers -------------------------------------------------------------------------------

    private JsonNode signInNew(TestTenant tenant, String idp, Map<String, List<String>> attributes) {
        URI idpRedirect = login(tenant);
        String requestId = requestId(idpRedirect);
        String email = "sso-" + UUID.randomUUID() + "@example.test";
        Api.Response acs = postResponse(tenant, IDP.sign(assertion(tenant, idp, email, requestId, attributes)), requestId,
                query(idpRedirect).get("RelayState"));
        assertThat(acs.status()).as(acs.toString()).isEqualTo(302);
        Api.Response tokens = anonymous.post("auth/oauth/token", Api.object().put("code", query(URI.create(acs.header("Location"))).get("code")));
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        return anonymous.withToken(tokens.json().get("accessToken").asString()).get("me").json();
    }

    /** Uploads metadata of the test IdP (a fresh entity id); answers the entity id. */
    private String configure(TestTenant tenant, ObjectNode roleMapping) {
        String entityId = "https://idp.example.test/" + UUID.randomUUID();
        ObjectNode body = Api.object().put("idpMetadataXml", idpMetadata(entityId, IDP.certificateBase64()));
        if (roleMapping != null) {
            body.put("roleAttribute", "groups").set("roleMapping", roleMapping);
        }
        Api.Response response = tenant.api().put("sso/saml", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return entityId;
    }

    private URI login(TestTenant tenant) {
        Api.Response response = anonymous.get("auth/saml/" + tenant.slug() + "/login?redirectUri=" + APP);
        assertThat(response.status()).as(response.toString()).isEqualTo(302);
        return URI.create(response.header("Location"));
    }

    private static String requestId(URI idpRedirect) {
        String xml = Util.base64decodedInflated(query(idpRedirect).get("SAMLRequest"));
        return Util.loadXML(xml).getDocumentElement().getAttribute("ID");
    }

    private Api.Response postResponse(TestTenant tenant, String assertionXml, String inResponseTo, String relayState) {
        return postRaw(tenant, form(response(assertionXml, inResponseTo, acsUrl(tenant)), relayState));
    }

    private static String form(String response, String relayState) {
        return "SAMLResponse=" + enc(Base64.getEncoder().encodeToString(response.getBytes(StandardCharsets.UTF_8)))
                + (relayState == null ? "" : "&RelayState=" + enc(relayState));
    }

    private static String response(String assertionXml, String inResponseTo, String destination) {
        return "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\""
                + " ID=\"_" + UUID.randomUUID() + "\" Version=\"2.0\" IssueInstant=\"" + now() + "\" Destination=\"" + destination + "\""
                + (inResponseTo == null ? "" : " InResponseTo=\"" + inResponseTo + "\"") + ">"
                + "<saml:Issuer>" + issuerOf(assertionXml) + "</saml:Issuer>"
                + "<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>"
                + assertionXml.replaceFirst("^<\\?xml[^>]*\\?>", "")
                + "</samlp:Response>";
    }

    private Api.Response postRaw(TestTenant tenant, String form) {
        return anonymous.raw("POST", "auth/saml/" + tenant.slug() + "/acs", form, "application/x-www-form-urlencoded");
    }

    private String assertion(TestTenant tenant, String idp, String email, String inResponseTo, Map<String, List<String>> attributes) {
        return assertion(tenant, idp, email, inResponseTo, attributes, Instant.now(), audience(tenant));
    }

    private String assertion(TestTenant tenant, String idp, String email, String inResponseTo, Map<String, List<String>> attributes,
            Instant issued, String audience) {
        String notBefore = issued.minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString();
        String notOnOrAfter = issued.plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS).toString();
        StringBuilder attributeXml = new StringBuilder();
        attributes.forEach((name, values) -> {
            attributeXml.append("<saml:Attribute Name=\"").append(name).append("\">");
            values.forEach(v -> attributeXml.append("<saml:AttributeValue>").append(v).append("</saml:AttributeValue>"));
            attributeXml.append("</saml:Attribute>");
        });
        return "<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_" + UUID.randomUUID() + "\" Version=\"2.0\""
                + " IssueInstant=\"" + issued.truncatedTo(ChronoUnit.SECONDS) + "\">"
                + "<saml:Issuer>" + idp + "</saml:Issuer>"
                + "<saml:Subject><saml:NameID Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\">" + email + "</saml:NameID>"
                + "<saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\"><saml:SubjectConfirmationData NotOnOrAfter=\""
                + notOnOrAfter + "\" Recipient=\"" + acsUrl(tenant) + "\"" + (inResponseTo == null ? "" : " InResponseTo=\"" + inResponseTo + "\"")
                + "/></saml:SubjectConfirmation></saml:Subject>"
                + "<saml:Conditions NotBefore=\"" + notBefore + "\" NotOnOrAfter=\"" + notOnOrAfter + "\">"
                + "<saml:AudienceRestriction><saml:Audience>" + audience + "</saml:Audience></saml:AudienceRestriction></saml:Conditions>"
                + "<saml:AuthnStatement AuthnInstant=\"" + issued.truncatedTo(ChronoUnit.SECONDS) + "\" SessionIndex=\"_" + UUID.randomUUID()
                + "\"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
                + "</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>"
                + (attributeXml.isEmpty() ? "" : "<saml:AttributeStatement>" + attributeXml + "</saml:AttributeStatement>")
                + "</saml:Assertion>";
    }

    private static String issuerOf(String assertionXml) {
        int start = assertionXml.indexOf("<saml:Issuer>") + "<saml:Issuer>".length();
        return assertionXml.substring(start, assertionXml.indexOf("</saml:Issuer>"));
    }

    private static String idpMetadata(String entityId, String certificate) {
        return "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"" + entityId + "\">"
                + "<md:IDPSSODescriptor WantAuthnRequestsSigned=\"false\" protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:X509Data><ds:X509Certificate>"
                + certificate + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
                + "<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>"
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"" + IDP_SSO + "\"/>"
                + "</md:IDPSSODescriptor></md:EntityDescriptor>";
    }

    private String audience(TestTenant tenant) {
        return "http://localhost:" + port + "/api/v1/auth/saml/" + tenant.slug() + "/metadata";
    }

    private String acsUrl(TestTenant tenant) {
        return "http://localhost:" + port + "/api/v1/auth/saml/" + tenant.slug() + "/acs";
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private List<String> auditActions(TestTenant tenant) {
        return tenants.inTenant(tenant.id(), () -> jdbc.sql("select action from audit_log where tenant_id = ? order by id")
                .param(tenant.id()).query(String.class).list());
    }

    /** A test IdP key with its self-signed certificate; signs assertions (enveloped XML-DSig, RSA-SHA256). */
    private record Signer(KeyPair keys, X509Certificate certificate) {

        static Signer generate(String subject) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair keys = generator.generateKeyPair();
                X500Name name = new X500Name(subject);
                Instant now = Instant.now();
                X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                        BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))),
                        name, keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
                return new Signer(keys, certificate);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String certificateBase64() {
            try {
                return Base64.getEncoder().encodeToString(certificate.getEncoded());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String sign(String assertionXml) {
            try {
                return Util.addSign(Util.loadXML(assertionXml), keys.getPrivate(), certificate, Constants.RSA_SHA256, Constants.SHA256);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
