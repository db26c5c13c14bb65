package io.castiel.identity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code castiel.credentials.*}: MFA and password-lifecycle settings.
 *
 * @param mfaTokenTtl how long the mfaToken of a login stays good (once)
 * @param mfaMaxAttempts wrong codes after which an mfaToken is burnt
 * @param mfaLockAttempts consecutive wrong codes (over all challenges) after which a user's codes
 *        are refused for {@code mfaLockout}
 * @param totpIssuer the issuer shown by authenticator apps
 * @param totpKey base64 of 32 bytes that encrypt TOTP secrets at rest; when empty a key is derived
 *        from the token-signing key (set it explicitly before rotating that key)
 * @param resetTokenTtl lifetime of a password-reset link
 * @param verificationTokenTtl lifetime of an email-verification link
 * @param resetsPerHour password-reset mails sent to one account per hour at most
 */
@ConfigurationProperties("castiel.credentials")
public record CredentialProperties(
        @DefaultValue("5m") Duration mfaTokenTtl,
        @DefaultValue("5") int mfaMaxAttempts,
        @DefaultValue("10") int mfaLockAttempts,
        @DefaultValue("15m") Duration mfaLockout,
        @DefaultValue("Castiel") String totpIssuer,
        String totpKey,
        @DefaultValue("30m") Duration resetTokenTtl,
        @DefaultValue("48h") Duration verificationTokenTtl,
        @DefaultValue("5") int resetsPerHour) {
}
