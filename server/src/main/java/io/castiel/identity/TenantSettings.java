package io.castiel.identity;

import java.util.List;

import io.castiel.platform.ApiException;

/**
 * A tenant's security and lifecycle settings, kept as one jsonb document on the tenant.
 *
 * @param mfaRequired every user must enrol TOTP; a login without MFA gets only an enrolment token
 * @param emailVerificationRequired users must verify their email before they can sign in
 * @param ssoProvisioning what a first OIDC/SAML login does: {@code link} (only to an existing user
 *        with the same verified email) or {@code provision} (also creates the user)
 * @param ssoDefaultRole the role of users provisioned by SSO when no role attribute maps
 * @param auditRetentionDays audit rows older than this are purged (null: kept forever)
 */
public record TenantSettings(
        boolean mfaRequired,
        boolean emailVerificationRequired,
        String ssoProvisioning,
        String ssoDefaultRole,
        Integer auditRetentionDays) {

    public static final TenantSettings DEFAULTS = new TenantSettings(false, false, "link", "member", null);

    private static final List<String> PROVISIONING = List.of("link", "provision");
    private static final List<String> SSO_ROLES = List.of("admin", "member", "viewer");

    public TenantSettings {
        ssoProvisioning = ssoProvisioning == null ? DEFAULTS.ssoProvisioning() : ssoProvisioning;
        ssoDefaultRole = ssoDefaultRole == null ? DEFAULTS.ssoDefaultRole() : ssoDefaultRole;
    }

    /** Refuses values outside their domain with a 400 pointing at the field. */
    public TenantSettings validated() {
        if (!PROVISIONING.contains(ssoProvisioning)) {
            throw ApiException.badRequest("ssoProvisioning must be one of " + PROVISIONING, "/settings/ssoProvisioning");
        }
        if (!SSO_ROLES.contains(ssoDefaultRole)) {
            throw ApiException.badRequest("ssoDefaultRole must be one of " + SSO_ROLES, "/settings/ssoDefaultRole");
        }
        if (auditRetentionDays != null && (auditRetentionDays < 1 || auditRetentionDays > 36_500)) {
            throw ApiException.badRequest("auditRetentionDays must be between 1 and 36500", "/settings/auditRetentionDays");
        }
        return this;
    }
}
