package io.castiel.identity.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.identity.internal.MfaService;
import io.castiel.identity.internal.TokenPair;
import io.castiel.platform.ActorContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.servlet.http.HttpServletResponse;

/** TOTP multi-factor authentication: the login's second step, setup, enable and disable. */
@RestController
@RequestMapping("/api/v1/auth/mfa")
class MfaController {

    record VerifyRequest(String mfaToken, String code) {
    }

    record SetupRequest(String mfaToken) {
    }

    record EnableRequest(String code, String mfaToken) {
    }

    record DisableRequest(String code, String password) {
    }

    private final MfaService mfa;
    private final ActorContext actors;
    private final RefreshCookie cookies;

    MfaController(MfaService mfa, ActorContext actors, RefreshCookie cookies) {
        this.mfa = mfa;
        this.actors = actors;
        this.cookies = cookies;
    }

    @PostMapping("/verify")
    @SecurityRequirements
    @Operation(summary = "Finish a login that answered {mfaRequired: true, mfaToken}",
            description = "code is the authenticator's current 6-digit code or one of the recovery codes (each works once). "
                    + "The mfaToken expires 5 minutes after the login, works once, and is burnt after 5 wrong codes (401); "
                    + "after 10 wrong codes in a row the account's codes are refused for 15 minutes (429).")
    TokenPair verify(@RequestBody VerifyRequest request,
            @Parameter(description = AuthController.MODE_DESCRIPTION) @RequestHeader(name = RefreshCookie.MODE_HEADER, required = false)
            String cookieMode, HttpServletResponse response) {
        return cookies.deliverIfRequested(mfa.verify(request.mfaToken(), request.code()), cookieMode, response);
    }

    @PostMapping("/totp/setup")
    @Operation(summary = "Start TOTP enrolment: a new secret (base32) and its otpauth:// URI for the authenticator app",
            description = "Authenticate with an access token, or, when the tenant requires MFA and the login answered "
                    + "{mfaRequired: true, mfaSetupRequired: true, mfaToken}, send no Authorization header and the body "
                    + "{\"mfaToken\": \"...\"}. MFA stays off until POST /auth/mfa/totp/enable confirms a code.")
    MfaService.Setup setup(@RequestBody(required = false) SetupRequest request) {
        return mfa.setup(actors.find().orElse(null), request == null ? null : request.mfaToken());
    }

    @PostMapping("/totp/enable")
    @Operation(summary = "Confirm the secret with a current code: MFA is on; answers ten recovery codes, shown once",
            description = "With an access token: {code}. During a login that must enrol: {code, mfaToken} without an "
                    + "Authorization header; the answer then also carries the token pair (accessToken, refreshToken, "
                    + "expiresIn, tokenType).")
    MfaService.Enabled enable(@RequestBody EnableRequest request,
            @Parameter(description = AuthController.MODE_DESCRIPTION) @RequestHeader(name = RefreshCookie.MODE_HEADER, required = false)
            String cookieMode, HttpServletResponse response) {
        return cookies.deliverIfRequested(mfa.enable(actors.find().orElse(null), request.mfaToken(), request.code()), cookieMode, response);
    }

    @DeleteMapping("/totp")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Turn MFA off, proven with {code} (current TOTP or a recovery code) or {password}",
            description = "Refused (403) while the tenant requires MFA. Removes the secret and the recovery codes.")
    void disable(@RequestBody(required = false) DisableRequest request) {
        DisableRequest body = request == null ? new DisableRequest(null, null) : request;
        mfa.disable(actors.current(), body.code(), body.password());
    }
}
