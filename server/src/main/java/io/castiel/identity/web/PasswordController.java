package io.castiel.identity.web;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.identity.internal.EmailVerifications;
import io.castiel.identity.internal.PasswordLifecycle;
import io.castiel.platform.ActorContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;

/** Forgotten passwords, resets, changes and email verification. */
@RestController
@RequestMapping("/api/v1/auth")
class PasswordController {

    /** The access-token claim naming the session family the token was issued for. */

    record ForgotRequest(String email, String tenant) {
    }

    record ResetRequest(String token, String password) {
    }

    record ChangeRequest(String currentPassword, String newPassword) {
    }

    record VerifyEmailRequest(String token) {
    }

    private final PasswordLifecycle passwords;
    private final EmailVerifications verifications;
    private final ActorContext actors;

    PasswordController(PasswordLifecycle passwords, EmailVerifications verifications, ActorContext actors) {
        this.passwords = passwords;
        this.verifications = verifications;
        this.actors = actors;
    }

    @PostMapping("/password/forgot")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @SecurityRequirements
    @Operation(summary = "Email a password-reset link (single use, valid 30 minutes)",
            description = "Always 202, whether or not an account has this email (tenant: a slug, to pick one of several).")
    void forgot(@RequestBody ForgotRequest request) {
        passwords.forgot(request.email(), request.tenant());
    }

    @PostMapping("/password/reset")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @SecurityRequirements
    @Operation(summary = "Set a new password with the emailed token; every session of the user ends",
            description = "Passwords have 8 to 256 characters and must not be among the most common ones. "
                    + "MFA stays on: the next login still asks for the code.")
    void reset(@RequestBody ResetRequest request) {
        passwords.reset(request.token(), request.password());
    }

    @PostMapping("/password/change")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change the password; the user's other sessions end",
            description = "A wrong currentPassword is a 400 pointing at /currentPassword.")
    void change(@RequestBody ChangeRequest request) {
        passwords.change(actors.current(), actors.sessionId().orElse(null), request.currentPassword(), request.newPassword());
    }

    @PostMapping("/verify-email")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @SecurityRequirements
    @Operation(summary = "Verify an email address with the emailed token")
    void verifyEmail(@RequestBody VerifyEmailRequest request) {
        verifications.verify(request.token());
    }
}
