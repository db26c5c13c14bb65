package io.castiel.identity.web;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.identity.internal.AuthService;
import io.castiel.identity.internal.SessionIssuer;
import io.castiel.identity.internal.TokenPair;
import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiException;
import io.castiel.platform.Page;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The caller's own sign-ins: list and revoke sessions, and switch to another tenant the same person
 * belongs to. These act on a person's sessions, so they need a user's access token, not an API key.
 */
@RestController
@RequestMapping("/api/v1/auth")
class SessionController {

    record SwitchTenantRequest(String tenant) {
    }

    private final AuthService auth;
    private final ActorContext actors;
    private final RefreshCookie cookies;

    SessionController(AuthService auth, ActorContext actors, RefreshCookie cookies) {
        this.auth = auth;
        this.actors = actors;
        this.cookies = cookies;
    }

    @GetMapping("/sessions")
    Page<SessionIssuer.SessionView> sessions() {
        Actor actor = person();
        return new Page<>(auth.sessions(actor.tenantId(), actor.userId(), actors.sessionId().orElse(null)), null);
    }

    @DeleteMapping("/sessions/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable UUID id) {
        Actor actor = person();
        auth.revokeSession(actor.tenantId(), actor.userId(), id);
    }

    @PostMapping("/switch-tenant")
    TokenPair switchTenant(@RequestBody SwitchTenantRequest request,
            @Parameter(description = AuthController.MODE_DESCRIPTION) @RequestHeader(name = RefreshCookie.MODE_HEADER, required = false)
            String cookieMode, HttpServletResponse response) {
        Actor actor = person();
        return cookies.deliverIfRequested(auth.switchTenant(actor.tenantId(), actor.userId(), request.tenant()), cookieMode, response);
    }

    private Actor person() {
        Actor actor = actors.current();
        if (actor.apiKeyId() != null) {
            throw ApiException.forbidden("Sessions belong to people: use a user's access token, not an API key");
        }
        return actor;
    }
}
