package io.castiel.identity.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.identity.internal.AuthService;
import io.castiel.identity.internal.LoginAnswer;
import io.castiel.identity.internal.TokenPair;
import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;

/** Registration, login, token refresh and logout, and {@code GET /me}. */
@RestController
@RequestMapping("/api/v1")
class AuthController {

    record RegisterRequest(String tenantName, String email, String password, String name) {
    }

    record LoginRequest(String email, String password, String tenant) {
    }

    record RefreshRequest(String refreshToken) {
    }

    private final AuthService auth;
    private final ActorContext actors;

    AuthController(AuthService auth, ActorContext actors) {
        this.auth = auth;
        this.actors = actors;
    }

    @PostMapping("/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    AuthService.Registration register(@RequestBody RegisterRequest request) {
        return auth.register(request.tenantName(), request.email(), request.password(), request.name());
    }

    @PostMapping("/auth/login")
    LoginAnswer login(@RequestBody LoginRequest request) {
        return auth.login(request.email(), request.password(), request.tenant());
    }

    @PostMapping("/auth/refresh")
    TokenPair refresh(@RequestBody RefreshRequest request) {
        return auth.refresh(request.refreshToken());
    }

    @PostMapping("/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@RequestBody RefreshRequest request) {
        auth.logout(request.refreshToken());
    }

    @GetMapping("/me")
    AuthService.Me me() {
        Actor actor = actors.current();
        return auth.me(actor.tenantId(), actor.userId());
    }
}
