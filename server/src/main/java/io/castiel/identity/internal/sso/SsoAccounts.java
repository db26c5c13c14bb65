package io.castiel.identity.internal.sso;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.identity.TenantService;
import io.castiel.identity.TenantSettings;
import io.castiel.identity.UserCreated;
import io.castiel.identity.UserService;
import io.castiel.platform.DomainEvents;
import io.castiel.platform.ApiException;
import io.castiel.platform.Ids;
import io.castiel.platform.Role;
import io.castiel.platform.TenantContext;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns an identity proven by an OIDC provider or a SAML IdP into a user of the tenant: the user
 * already linked to that external identity, else the active user with the same (verified) email,
 * which gets linked, else (tenant setting {@code ssoProvisioning: provision}) a new user without a
 * password. Anything else is refused with 403. Outcomes, refusals included, are audited.
 */
@Component
class SsoAccounts {

    /**
     * An identity as the provider asserts it.
     *
     * @param provider where it comes from, e.g. {@code oauth:google} or {@code saml:<IdP entity id>}
     * @param subject the provider's stable id for the person
     * @param provisionRole the role a provisioned user gets (null: the tenant's ssoDefaultRole)
     */
    record ExternalIdentity(String provider, String subject, String email, boolean emailVerified, String name, Role provisionRole,
            String method) {
    }

    private final JdbcClient jdbc;
    private final TenantContext tenants;
    private final TenantService tenantService;
    private final AuditLog audit;
    private final Ids ids;
    private final HandoffCodes codes;

    private final DomainEvents events;
    private final UserService users;

    SsoAccounts(JdbcClient jdbc, TenantContext tenants, TenantService tenantService, AuditLog audit, Ids ids, HandoffCodes codes, DomainEvents events,
            UserService users) {
        this.users = users;
        this.events = events;
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.tenantService = tenantService;
        this.audit = audit;
        this.ids = ids;
        this.codes = codes;
    }

    private record Outcome(String code, String refusal) {
    }

    private record User(UUID id, String status, List<String> roles) {
    }

    /**
     * Signs the identity in and answers a one-time hand-off code for it; a refusal is audited
     * (committed) and then thrown as a 403 problem.
     */
    String signIn(UUID tenantId, ExternalIdentity identity) {
        Outcome outcome = tenants.inTenant(tenantId, () -> resolve(tenantId, identity));
        if (outcome.refusal() != null) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Forbidden", outcome.refusal());
        }
        return outcome.code();
    }

    private Outcome resolve(UUID tenantId, ExternalIdentity identity) {
        if (identity.email() == null || identity.email().isBlank()) {
            return refuse(identity, null, "no_email", "The identity provider did not share an email address");
        }
        if (!identity.emailVerified()) {
            return refuse(identity, null, "email_not_verified", "The identity provider has not verified this email address");
        }
        String email = identity.email().trim().toLowerCase(Locale.ROOT);
        Optional<User> linked = jdbc.sql("""
                select u.id, u.status, u.roles from sso_identities i join users u on u.tenant_id = i.tenant_id and u.id = i.user_id
                where i.tenant_id = ? and i.provider = ? and i.subject = ?""")
                .params(tenantId, identity.provider(), identity.subject()).query(SsoAccounts::user).optional();
        if (linked.isPresent()) {
            return signIn(tenantId, identity, linked.get(), "linked");
        }
        Optional<User> byEmail = jdbc.sql("select id, status, roles from users where tenant_id = ? and lower(email) = ?")
                .params(tenantId, email).query(SsoAccounts::user).optional();
        if (byEmail.isPresent()) {
            User user = byEmail.get();
            if (!"active".equals(user.status())) {
                return refuse(identity, user.id(), "user_not_active", "This account is not active");
            }
            Outcome refused = refuseOwnerViaSaml(identity, user);
            if (refused != null) {
                return refused;
            }
            jdbc.sql("insert into sso_identities (tenant_id, provider, subject, user_id) values (?, ?, ?, ?)")
                    .params(tenantId, identity.provider(), identity.subject(), user.id()).update();
            audit.record(AuditEntry.of("user.sso_linked", "user", user.id(), details(identity)).by(user.id()));
            return signIn(tenantId, identity, user, "email");
        }
        TenantSettings settings = tenantService.settings(tenantId);
        if (!"provision".equals(settings.ssoProvisioning())) {
            return refuse(identity, null, "no_account",
                    "No active user of this tenant has this email address, and the tenant does not provision users on first sign-in");
        }
        Role role = identity.provisionRole() != null ? identity.provisionRole()
                : Role.fromWire(settings.ssoDefaultRole()).orElse(Role.MEMBER);
        if (role == Role.OWNER) {
            role = Role.ADMIN;
        }
        UUID userId = ids.next();
        String name = identity.name() == null || identity.name().isBlank() ? email.substring(0, email.indexOf('@')) : identity.name().trim();
        jdbc.sql("insert into users (tenant_id, id, email, name, password_hash, roles) values (?, ?, ?, ?, null, ?)")
                .params(tenantId, userId, email, name.length() > 200 ? name.substring(0, 200) : name, new String[] {role.wireName()})
                .update();
        jdbc.sql("insert into sso_identities (tenant_id, provider, subject, user_id) values (?, ?, ?, ?)")
                .params(tenantId, identity.provider(), identity.subject(), userId).update();
        audit.record(AuditEntry.of("user.created", "user", userId, details(identity).put("email", email).put("role", role.wireName())
                .put("provisionedBy", identity.method())).by(userId));
        UserService.User created = users.findActive(tenantId, userId).orElseThrow();
        events.publish(h -> new UserCreated(h, created));
        return signIn(tenantId, identity, new User(userId, "active", List.of(role.wireName())), "provisioned");
    }

    private Outcome signIn(UUID tenantId, ExternalIdentity identity, User user, String how) {
        if (!"active".equals(user.status())) {
            return refuse(identity, user.id(), "user_not_active", "This account is not active");
        }
        Outcome refused = refuseOwnerViaSaml(identity, user);
        if (refused != null) {
            return refused;
        }
        audit.record(AuditEntry.of("auth.login", "user", user.id(), details(identity).put("match", how)).by(user.id()));
        return new Outcome(codes.issue(tenantId, user.id(), identity.method()), null);
    }

    /**
     * A tenant admin chooses the SAML IdP, so an assertion naming an owner's email could be
     * minted by an admin: owners therefore never sign in through SAML (no escalation to owner).
     */
    private Outcome refuseOwnerViaSaml(ExternalIdentity identity, User user) {
        if ("saml".equals(identity.method()) && user.roles().contains(Role.OWNER.wireName())) {
            return refuse(identity, user.id(), "owner_via_saml", "Owners sign in with their password, not through SAML");
        }
        return null;
    }

    private Outcome refuse(ExternalIdentity identity, UUID userId, String reason, String detail) {
        audit.record(new AuditEntry("auth.login_failed", "user", userId == null ? null : userId.toString(),
                details(identity).put("reason", reason).put("email", identity.email()), userId));
        return new Outcome(null, detail);
    }

    /** Audits a login that failed before an identity was established (bad ID token, nonce, provider error). */
    void recordFailure(UUID tenantId, String method, String provider, String reason) {
        tenants.inTenant(tenantId, () -> {
            audit.record(new AuditEntry("auth.login_failed", "user", null, JsonNodeFactory.instance.objectNode()
                    .put("method", method).put("provider", provider).put("reason", reason), null));
            return null;
        });
    }

    private static ObjectNode details(ExternalIdentity identity) {
        return JsonNodeFactory.instance.objectNode().put("method", identity.method()).put("provider", identity.provider());
    }

    private static User user(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new User(rs.getObject("id", UUID.class), rs.getString("status"), Arrays.asList((String[]) rs.getArray("roles").getArray()));
    }
}
