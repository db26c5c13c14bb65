package io.castiel.identity.web;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.identity.internal.LoginAnswer;
import io.castiel.identity.internal.sso.HandoffCodes;
import io.castiel.identity.internal.sso.OAuthLogin;
import io.castiel.identity.internal.sso.PublicUrls;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletResponse;

/**
 * OIDC / OAuth 2.0 login. The browser goes to {@code authorize}, on to the provider, back to
 * {@code callback} and then to the app's {@code redirectUri?code=...}; the app exchanges that
 * one-time code at {@code POST /auth/oauth/token} for the token pair (also used after SAML).
 */
@RestController
@RequestMapping("/api/v1/auth")
class OAuthController {

    record CodeExchange(String code) {
    }

    static final String LOGIN_COOKIE = "castiel_oauth_login";
    private static final Duration LOGIN_COOKIE_AGE = Duration.ofMinutes(10);

    private final OAuthLogin logins;
    private final HandoffCodes codes;
    private final PublicUrls urls;
    private final RefreshCookie cookies;

    OAuthController(OAuthLogin logins, HandoffCodes codes, PublicUrls urls, RefreshCookie cookies) {
        this.cookies = cookies;
        this.logins = logins;
        this.codes = codes;
        this.urls = urls;
    }

    @GetMapping("/oauth/{provider}/authorize")
    ResponseEntity<Void> authorize(@PathVariable String provider, @RequestParam(required = false) String tenant,
            @RequestParam(required = false) String redirectUri) {
        OAuthLogin.Started started = logins.authorize(provider, tenant, redirectUri, callback(provider));
        return ResponseEntity.status(HttpStatus.FOUND).location(started.location()).header("Cache-Control", "no-store")
                .header(HttpHeaders.SET_COOKIE, bindingCookie(started.browserBinding(), LOGIN_COOKIE_AGE).toString()).build();
    }

    @GetMapping("/oauth/{provider}/callback")
    ResponseEntity<Void> callback(@PathVariable String provider, @RequestParam(required = false) String code,
            @RequestParam(required = false) String state, @RequestParam(required = false) String error,
            @CookieValue(name = LOGIN_COOKIE, required = false) String binding) {
        URI location = logins.callback(provider, code, state, error, binding, callback(provider));
        return ResponseEntity.status(HttpStatus.FOUND).location(location).header("Cache-Control", "no-store")
                .header(HttpHeaders.SET_COOKIE, bindingCookie("", Duration.ZERO).toString()).build();
    }

    /**
     * The cookie that ties a login to the browser that started it: HttpOnly, SameSite=Lax (it
     * must come back on the provider's top-level redirect), Secure when the public URL is HTTPS,
     * only for these paths.
     */
    private ResponseCookie bindingCookie(String value, Duration maxAge) {
        return ResponseCookie.from(LOGIN_COOKIE, value).httpOnly(true).secure(urls.of("/").startsWith("https://")).sameSite("Lax")
                .path("/api/v1/auth/oauth/").maxAge(maxAge).build();
    }

    @PostMapping("/oauth/token")
    LoginAnswer token(@RequestBody CodeExchange request,
            @Parameter(description = AuthController.MODE_DESCRIPTION) @RequestHeader(name = RefreshCookie.MODE_HEADER, required = false)
            String cookieMode, HttpServletResponse response) {
        return cookies.deliverIfRequested(codes.exchange(request.code()), cookieMode, response);
    }

    private String callback(String provider) {
        return urls.of("/api/v1/auth/oauth/" + provider + "/callback");
    }

    static ResponseEntity<Void> found(URI location) {
        return ResponseEntity.status(HttpStatus.FOUND).location(location).header("Cache-Control", "no-store").build();
    }
}
