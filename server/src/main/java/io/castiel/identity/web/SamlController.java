package io.castiel.identity.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.identity.internal.sso.SamlConfigs;
import io.castiel.identity.internal.sso.SamlLogin;
import tools.jackson.databind.JsonNode;

/**
 * SAML 2.0 single sign-on: the per-tenant SP endpoints (metadata, login, ACS; public) and the
 * tenant admins' IdP configuration ({@code /sso/saml}). A login ends like OIDC: a redirect to the
 * app with a one-time code for {@code POST /auth/oauth/token}.
 */
@RestController
@RequestMapping("/api/v1")
class SamlController {

    private final SamlLogin logins;
    private final SamlConfigs configs;

    SamlController(SamlLogin logins, SamlConfigs configs) {
        this.logins = logins;
        this.configs = configs;
    }

    @GetMapping(value = "/auth/saml/{tenantSlug}/metadata", produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<String> metadata(@PathVariable String tenantSlug) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(logins.metadata(tenantSlug));
    }

    @GetMapping("/auth/saml/{tenantSlug}/login")
    ResponseEntity<Void> login(@PathVariable String tenantSlug, @RequestParam(required = false) String redirectUri) {
        return OAuthController.found(logins.login(tenantSlug, redirectUri));
    }

    @PostMapping(value = "/auth/saml/{tenantSlug}/acs")
    ResponseEntity<Void> acs(@PathVariable String tenantSlug, @RequestParam(name = "SAMLResponse", required = false) String samlResponse,
            @RequestParam(name = "RelayState", required = false) String relayState) {
        return OAuthController.found(logins.acs(tenantSlug, samlResponse, relayState));
    }

    @GetMapping("/sso/saml")
    SamlConfigs.View get() {
        return configs.get();
    }

    @PutMapping("/sso/saml")
    SamlConfigs.View put(@RequestBody JsonNode body) {
        return configs.put(body);
    }

    @DeleteMapping("/sso/saml")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete() {
        configs.delete();
    }
}
