package io.castiel.identity.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.identity.internal.AuthService;
import io.castiel.identity.internal.LoginAnswer;
import io.castiel.identity.internal.TokenPair;
import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiException;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Registration, login, token refresh and logout, and {@code GET /me}. Each sign-in can answer its
 * refresh token as a cookie instead ({@link RefreshCookie}); refresh and logout then use it.
 */
@RestController
@RequestMapping("/api/v1")
class AuthController {

    record RegisterRequest(String tenantName, String email, String password, String name) {
    }

    record LoginRequest(String email, String password, String tenant) {
    }

    record RefreshRequest(String refreshToken) {
    }

    static final String MODE_DESCRIPTION = "true: the refresh token is set as the HttpOnly cookie castiel_refresh "
            + "(Path=/api/v1/auth) and left out of the body";
    static final String CSRF_DESCRIPTION = "1: required when the refresh token comes from the castiel_refresh cookie "
            + "(no refreshToken in the body); an Origin header, when sent, must be this server's";

    private final AuthService auth;
    private final ActorContext actors;
    private final RefreshCookie cookies;

    AuthController(AuthService auth, ActorContext actors, RefreshCookie cookies) {
        this.auth = auth;
        this.actors = actors;
        this.cookies = cookies;
    }

    @PostMapping("/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    AuthService.Registration register(@RequestBody RegisterRequest request,
            @Parameter(description = MODE_DESCRIPTION) @RequestHeader(name = RefreshCookie.MODE_HEADER, required = false) String cookieMode,
            HttpServletResponse response) {
        return cookies.deliverIfRequested(auth.register(request.tenantName(), request.email(), request.password(), request.name()),
                cookieMode, response);
    }

    @PostMapping("/auth/login")
    LoginAnswer login(@RequestBody LoginRequest request,
            @Parameter(description = MODE_DESCRIPTION) @RequestHeader(name = RefreshCookie.MODE_HEADER, required = false) String cookieMode,
            HttpServletResponse response) {
        return cookies.deliverIfRequested(auth.login(request.email(), request.password(), request.tenant()), cookieMode, response);
    }

    /**
     * With {@code refreshToken} in the body as API.md has it; without one (no body, or {}), from the
     * cookie, which is rotated; with neither, 401.
     */
    @PostMapping("/auth/refresh")
    TokenPair refresh(@RequestBody(required = false) RefreshRequest request,
            @Parameter(description = MODE_DESCRIPTION) @RequestHeader(name = RefreshCookie.MODE_HEADER, required = false) String cookieMode,
            @Parameter(description = CSRF_DESCRIPTION) @RequestHeader(name = RefreshCookie.CSRF_HEADER, required = false) String csrf,
            @Parameter(hidden = true) @CookieValue(name = RefreshCookie.NAME, required = false) String cookie,
            HttpServletRequest http, HttpServletResponse response) {
        if (!fromCookie(request, cookie)) {
            if (request == null || request.refreshToken() == null) {
                // A browser without the cookie (never signed in, or signed out) is simply not authenticated.
                throw ApiException.unauthorized("No refresh token: send refreshToken in the body or the castiel_refresh cookie");
            }
            return cookies.deliverIfRequested(auth.refresh(request.refreshToken()), cookieMode, response);
        }
        cookies.checkSameOrigin(csrf, http);
        try {
            return cookies.deliver(auth.refresh(cookie), response);
        } catch (ApiException e) {
            // Spent (the family is now revoked), expired or unknown: the browser should not keep it.
            cookies.clear(response);
            throw e;
        }
    }

    @PostMapping("/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@RequestBody(required = false) RefreshRequest request,
            @Parameter(description = CSRF_DESCRIPTION) @RequestHeader(name = RefreshCookie.CSRF_HEADER, required = false) String csrf,
            @Parameter(hidden = true) @CookieValue(name = RefreshCookie.NAME, required = false) String cookie,
            HttpServletRequest http, HttpServletResponse response) {
        if (!fromCookie(request, cookie)) {
            auth.logout(bodyToken(request));
        } else {
            cookies.checkSameOrigin(csrf, http);
            auth.logout(cookie);
            cookies.clear(response);
        }
    }

    /** The cookie is used only when the body names no token: a client of the body-token API is served exactly as before. */
    private static boolean fromCookie(RefreshRequest request, String cookie) {
        return (request == null || request.refreshToken() == null) && cookie != null && !cookie.isEmpty();
    }

    private static String bodyToken(RefreshRequest request) {
        if (request == null) {
            // What an absent required body answered before the body became optional.
            throw ApiException.badRequest("The request body is missing");
        }
        return request.refreshToken();
    }

    @GetMapping("/me")
    AuthService.Me me() {
        Actor actor = actors.current();
        return auth.me(actor.tenantId(), actor.userId());
    }
}
