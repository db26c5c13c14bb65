package io.castiel.identity.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.castiel.identity.TenantService;
import io.castiel.platform.TenantContext;

/**
 * What stands between a correct password and a session: the tenant's email-verification rule and
 * the second factor. Login calls {@link #afterPassword} once the password matched; a refusal is
 * recorded (and committed) before the 403 is thrown.
 */
@Component
public class SignInGate {

    private final TenantContext tenants;
    private final TenantService tenantService;
    private final EmailVerifications verifications;
    private final MfaService mfa;

    SignInGate(TenantContext tenants, TenantService tenantService, EmailVerifications verifications, MfaService mfa) {
        this.tenants = tenants;
        this.tenantService = tenantService;
        this.verifications = verifications;
        this.mfa = mfa;
    }

    /**
     * Empty when the login may have its token pair now; an MFA challenge to answer instead; or a 403
     * "Email not verified".
     */
    public Optional<MfaChallenge> afterPassword(UUID tenantId, UUID userId) {
        Decision decision = tenants.inTenant(tenantId, () -> {
            if (tenantService.settings(tenantId).emailVerificationRequired() && !verifications.isVerified(tenantId, userId)) {
                verifications.refuseLogin(tenantId, userId);
                return new Decision(true, null);
            }
            return new Decision(false, mfa.challengeFor(tenantId, userId).orElse(null));
        });
        if (decision.emailUnverified()) {
            throw EmailVerifications.notVerified();
        }
        return Optional.ofNullable(decision.challenge());
    }

    /**
     * After an OIDC or SAML login: the provider proved the email, so only the second factor
     * remains (the user's own TOTP, or enrolment when the tenant requires MFA). Call it in the
     * tenant's transaction.
     */
    public Optional<MfaChallenge> afterSingleSignOn(UUID tenantId, UUID userId) {
        return mfa.challengeFor(tenantId, userId);
    }

    private record Decision(boolean emailUnverified, MfaChallenge challenge) {
    }

    /** A new account: mail the verification link. Call it in the tenant's transaction. */
    public void registered(UUID tenantId, UUID userId) {
        verifications.send(tenantId, userId);
    }
}
