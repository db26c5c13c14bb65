package io.castiel.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.identity.TenantService;
import io.castiel.identity.TenantCreated;
import io.castiel.identity.UserCreated;
import io.castiel.identity.UserService;
import io.castiel.platform.DomainEvents;
import io.castiel.platform.ApiException;
import io.castiel.platform.Ids;
import io.castiel.platform.RequestOrigin;
import io.castiel.platform.Role;
import io.castiel.platform.TenantContext;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Registration, password login and the refresh-token lifecycle. Login and refresh start without a
 * tenant; they find it through two narrow SECURITY DEFINER lookups and then continue under RLS.
 */
@Service
public class AuthService {

    private static final Logger log = LoggerFactory.getLogger(AuthService.class);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{1,63}$");
    private static final String BAD_CREDENTIALS = "The email or password is incorrect";

    public record TenantView(UUID id, String slug, String name) {
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record UserView(UUID id, String email, String name, List<String> roles, Boolean mfaEnabled) {
    }

    public record Registration(TenantView tenant, UserView user, String accessToken,
            @JsonInclude(JsonInclude.Include.NON_NULL) String refreshToken, long expiresIn, @JsonIgnore Instant refreshExpiresAt)
            implements CarriesRefreshToken<Registration> {

        @Override
        public Registration withoutRefreshToken() {
            return new Registration(tenant, user, accessToken, null, expiresIn, refreshExpiresAt);
        }
    }

    public record Me(UserView user, TenantView tenant) {
    }

    private final JdbcClient jdbc;
    private final TenantContext tenants;
    private final AuditLog audit;
    private final PasswordHasher passwords;
    private final SessionIssuer sessions;
    private final Ids ids;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final RequestOrigin origins;
    private final TenantService tenantSettings;
    private final SignInGate gate;

    private final DomainEvents events;
    private final ApplicationEventPublisher publisher;
    private final UserService users;

    AuthService(JdbcClient jdbc, TenantContext tenants, AuditLog audit, PasswordHasher passwords, SessionIssuer sessions, Ids ids,
            Clock clock, LoginThrottle throttle, RequestOrigin origins, TenantService tenantSettings, SignInGate gate, DomainEvents events,
            UserService users, ApplicationEventPublisher publisher) {
        this.users = users;
        this.publisher = publisher;
        this.events = events;
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.audit = audit;
        this.passwords = passwords;
        this.sessions = sessions;
        this.ids = ids;
        this.clock = clock;
        this.throttle = throttle;
        this.origins = origins;
        this.tenantSettings = tenantSettings;
        this.gate = gate;
    }

    public Registration register(String tenantName, String email, String password, String name) {
        requireText(tenantName, "/tenantName", 200);
        requireText(name, "/name", 200);
        String normalizedEmail = requireEmail(email);
        requirePassword(password, "/password");
        String hash = passwords.hash(password);
        UUID tenantId = ids.next();
        UUID userId = ids.next();
        return tenants.inTenant(tenantId, () -> {
            String slug = insertTenant(tenantId, tenantName.trim());
            List<String> roles = List.of(Role.OWNER.wireName());
            jdbc.sql("""
                    insert into users (tenant_id, id, email, name, password_hash, roles)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(tenantId, userId, normalizedEmail, name.trim(), hash, roles.toArray(String[]::new)).update();
            TokenPair pair = sessions.start(tenantId, userId);
            gate.registered(tenantId, userId);
            audit.record(List.of(
                    AuditEntry.of("tenant.created", "tenant", tenantId, JsonNodeFactory.instance.objectNode().put("slug", slug)).by(userId),
                    AuditEntry.of("user.created", "user", userId,
                            JsonNodeFactory.instance.objectNode().put("email", normalizedEmail).put("role", "owner")).by(userId)));
            UserService.User created = users.findActive(tenantId, userId).orElseThrow();
            events.publish(h -> new UserCreated(h, created));
            publisher.publishEvent(new TenantCreated(tenantId, userId));
            return new Registration(new TenantView(tenantId, slug, tenantName.trim()),
                    new UserView(userId, normalizedEmail, name.trim(), roles, null), pair.accessToken(), pair.refreshToken(),
                    pair.expiresIn(), pair.refreshExpiresAt());
        });
    }

    /**
     * Password login: throttle check → credentials check → (email verification, second factor) →
     * session. Every credential failure, whatever its cause, is the same 401, so the answer never
     * tells whether an email exists.
     */
    public LoginAnswer login(String email, String password, String tenantSlug) {
        if (email == null || password == null || email.isBlank() || password.isEmpty()) {
            throw ApiException.badRequest("email and password are required");
        }
        String ip = origins.current().ip();
        List<Candidate> candidates = candidates(email.trim()).stream()
                .filter(c -> tenantSlug == null || c.tenantSlug().equals(tenantSlug))
                .toList();
        List<LoginThrottle.Account> accounts = candidates.stream().map(c -> new LoginThrottle.Account(c.tenantId(), c.userId())).toList();
        if (throttle.isLocked(email, ip, accounts)) {
            throw ApiException.unauthorized(BAD_CREDENTIALS);
        }
        if (candidates.isEmpty()) {
            passwords.burnDecoy(password);
            log.info("Failed login for an unknown account");
            throttle.failed(email, ip, accounts);
            throw ApiException.unauthorized(BAD_CREDENTIALS);
        }
        List<Candidate> matching = candidates.stream()
                .filter(c -> passwords.matches(password, c.passwordHash()) && "active".equals(c.status()))
                .toList();
        for (Candidate failed : candidates) {
            if (!matching.contains(failed)) {
                tenants.inTenant(failed.tenantId(), () -> {
                    audit.record(new AuditEntry("auth.login_failed", "user", failed.userId().toString(),
                            JsonNodeFactory.instance.objectNode().put("reason", "bad_credentials"), null));
                    return null;
                });
            }
        }
        if (matching.isEmpty()) {
            throttle.failed(email, ip, accounts);
            throw ApiException.unauthorized(BAD_CREDENTIALS);
        }
        throttle.succeeded(email);
        if (matching.size() > 1) {
            throw new ApiException(HttpStatus.CONFLICT, "Tenant required",
                    "This account belongs to several tenants; pass the tenant's slug as \"tenant\": "
                            + String.join(", ", matching.stream().map(Candidate::tenantSlug).toList()));
        }
        Candidate user = matching.get(0);
        // A hash made with older Argon2 parameters is upgraded while the (matching) password is at hand.
        passwords.upgrade(password, user.passwordHash()).ifPresent(rehashed -> tenants.inTenant(user.tenantId(), () -> jdbc.sql(
                "update users set password_hash = ? where tenant_id = ? and id = ?").params(rehashed, user.tenantId(), user.userId()).update()));
        // Email verification and MFA come only after the password matched.
        Optional<MfaChallenge> challenge = gate.afterPassword(user.tenantId(), user.userId());
        if (challenge.isPresent()) {
            return challenge.get();
        }
        return tenants.inTenant(user.tenantId(), () -> {
            TokenPair pair = sessions.start(user.tenantId(), user.userId());
            audit.record(AuditEntry.of("auth.login", "user", user.userId(), null).by(user.userId()));
            return pair;
        });
    }

    /**
     * A token pair for the same person (same email, active) in another tenant they belong to. The
     * switch is audited in both tenants; a tenant where they have no active user is a 404.
     */
    public TokenPair switchTenant(UUID tenantId, UUID userId, String targetSlug) {
        if (targetSlug == null || targetSlug.isBlank() || targetSlug.length() > 100) {
            throw ApiException.badRequest("tenant (a tenant's slug) is required", "/tenant");
        }
        Person person = tenants.inTenant(tenantId, () -> jdbc.sql(
                "select email, mfa_enabled from users where tenant_id = ? and id = ? and status = 'active'")
                .params(tenantId, userId).query((rs, n) -> new Person(rs.getString(1), rs.getBoolean(2))).optional())
                .orElseThrow(() -> ApiException.unauthorized("The user no longer exists or is not active"));
        Candidate target = candidates(person.email()).stream()
                .filter(c -> c.tenantSlug().equals(targetSlug.trim()) && "active".equals(c.status()))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("Tenant", targetSlug.trim()));
        // A switch must not skip a second factor the other tenant asks for: it is allowed only when
        // this sign-in was itself made with one (the user here has MFA on).
        boolean targetWantsMfa = tenantSettings.settings(target.tenantId()).mfaRequired()
                || tenants.inTenant(target.tenantId(), () -> jdbc.sql("select mfa_enabled from users where tenant_id = ? and id = ?")
                        .params(target.tenantId(), target.userId()).query(Boolean.class).single());
        if (targetWantsMfa && !person.mfaEnabled()) {
            throw ApiException.forbidden("That tenant requires a second factor: sign in to it with POST /auth/login and its slug");
        }
        tenants.inTenant(tenantId, () -> {
            audit.record(AuditEntry.of("auth.tenant_switched", "user", userId,
                    JsonNodeFactory.instance.objectNode().put("direction", "out").put("tenant", target.tenantSlug())).by(userId));
            return null;
        });
        return tenants.inTenant(target.tenantId(), () -> {
            TokenPair pair = sessions.start(target.tenantId(), target.userId());
            audit.record(AuditEntry.of("auth.tenant_switched", "user", target.userId(),
                    JsonNodeFactory.instance.objectNode().put("direction", "in").put("fromTenant", tenantId.toString())).by(target.userId()));
            return pair;
        });
    }

    /** The caller's active sessions; {@code current} marks the one of this access token. */
    public List<SessionIssuer.SessionView> sessions(UUID tenantId, UUID userId, UUID currentFamilyId) {
        return tenants.inTenant(tenantId, () -> sessions.active(tenantId, userId, currentFamilyId));
    }

    /** Revokes one of the caller's sessions (and with it its access tokens); another user's or an unknown id is a 404. */
    public void revokeSession(UUID tenantId, UUID userId, UUID familyId) {
        tenants.inTenant(tenantId, () -> {
            if (!sessions.revokeOwn(tenantId, userId, familyId)) {
                throw ApiException.notFound("Session", familyId);
            }
            audit.record(AuditEntry.of("auth.session_revoked", "session", familyId, null).by(userId));
            return null;
        });
    }

    private List<Candidate> candidates(String email) {
        return jdbc.sql("select * from login_candidates(?)").param(email)
                .query((rs, n) -> new Candidate(rs.getObject("tenant_id", UUID.class), rs.getString("tenant_slug"),
                        rs.getObject("user_id", UUID.class), rs.getString("password_hash"), rs.getString("status")))
                .list();
    }

    /** Rotates a refresh token. A spent token is a replay: its whole family is revoked. */
    public TokenPair refresh(String refreshToken) {
        byte[] hash = hashOf(refreshToken);
        UUID tenantId = jdbc.sql("select session_tenant(?)").param(hash).query(UUID.class).optional().orElse(null);
        if (tenantId == null) {
            throw ApiException.unauthorized("The refresh token is invalid or expired");
        }
        Optional<TokenPair> pair = tenants.inTenant(tenantId, () -> {
            Session session = jdbc.sql("""
                    select id, family_id, user_id, expires_at, family_expires_at, spent_at, revoked_at from sessions
                    where tenant_id = ? and token_hash = ? for update""")
                    .params(tenantId, hash)
                    .query((rs, n) -> new Session(rs.getObject("id", UUID.class), rs.getObject("family_id", UUID.class),
                            rs.getObject("user_id", UUID.class), rs.getTimestamp("expires_at").toInstant(),
                            rs.getTimestamp("family_expires_at").toInstant(), rs.getTimestamp("spent_at"), rs.getTimestamp("revoked_at")))
                    .single();
            Instant now = clock.instant();
            // expires_at is the inactivity timeout, family_expires_at the absolute end of the sign-in.
            if (session.revokedAt() != null || !session.expiresAt().isAfter(now) || !session.familyExpiresAt().isAfter(now)) {
                return Optional.<TokenPair>empty();
            }
            if (session.spentAt() != null) {
                sessions.revokeFamily(tenantId, session.familyId());
                audit.record(new AuditEntry("auth.refresh_reused", "session", session.familyId().toString(), null, session.userId()));
                return Optional.<TokenPair>empty();
            }
            String status = jdbc.sql("select status from users where tenant_id = ? and id = ?").params(tenantId, session.userId())
                    .query(String.class).single();
            if (!"active".equals(status)) {
                sessions.revokeFamily(tenantId, session.familyId());
                return Optional.<TokenPair>empty();
            }
            jdbc.sql("update sessions set spent_at = now() where tenant_id = ? and id = ?").params(tenantId, session.id()).update();
            return Optional.of(sessions.continueFamily(tenantId, session.userId(), session.familyId(), session.familyExpiresAt()));
        });
        return pair.orElseThrow(() -> ApiException.unauthorized("The refresh token is invalid or expired"));
    }

    public void logout(String refreshToken) {
        byte[] hash = hashOf(refreshToken);
        UUID tenantId = jdbc.sql("select session_tenant(?)").param(hash).query(UUID.class).optional().orElse(null);
        if (tenantId == null) {
            return;
        }
        tenants.inTenant(tenantId, () -> {
            jdbc.sql("select family_id, user_id from sessions where tenant_id = ? and token_hash = ?").params(tenantId, hash)
                    .query((rs, n) -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)})
                    .optional()
                    .ifPresent(row -> {
                        sessions.revokeFamily(tenantId, row[0]);
                        audit.record(new AuditEntry("auth.logout", "session", row[0].toString(), null, row[1]));
                    });
            return null;
        });
    }

    public Me me(UUID tenantId, UUID userId) {
        return tenants.inTenant(tenantId, () -> {
            TenantView tenant = jdbc.sql("select id, slug, name from tenants where id = ?").param(tenantId)
                    .query((rs, n) -> new TenantView(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name")))
                    .single();
            UserView user = jdbc.sql("select id, email, name, roles, mfa_enabled from users where tenant_id = ? and id = ?")
                    .params(tenantId, userId)
                    .query((rs, n) -> new UserView(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("name"),
                            Arrays.asList((String[]) rs.getArray("roles").getArray()), rs.getBoolean("mfa_enabled")))
                    .optional()
                    .orElseThrow(() -> ApiException.unauthorized("The user no longer exists"));
            return new Me(user, tenant);
        });
    }

    private record Person(String email, boolean mfaEnabled) {
    }

    private record Candidate(UUID tenantId, String tenantSlug, UUID userId, String passwordHash, String status) {
    }

    private record Session(UUID id, UUID familyId, UUID userId, Instant expiresAt, Instant familyExpiresAt, Timestamp spentAt,
            Timestamp revokedAt) {
    }

    private String insertTenant(UUID tenantId, String name) {
        String base = slugOf(name);
        for (int attempt = 0; attempt < 8; attempt++) {
            String slug = attempt == 0 ? base : base + "-" + Long.toString(Math.abs(ids.next().getLeastSignificantBits()) % 46656, 36);
            int inserted = jdbc.sql("insert into tenants (id, slug, name) values (?, ?, ?) on conflict (slug) do nothing")
                    .params(tenantId, slug, name).update();
            if (inserted == 1) {
                return slug;
            }
        }
        throw ApiException.conflict("Could not find a free slug for this tenant name");
    }

    static String slugOf(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "tenant" : slug;
    }

    private static byte[] hashOf(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank() || refreshToken.length() > 200) {
            throw ApiException.unauthorized("The refresh token is invalid or expired");
        }
        return TokenIssuer.hash(refreshToken);
    }

    private static void requireText(String value, String pointer, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(pointer.substring(1) + " is required", pointer);
        }
        if (value.length() > max) {
            throw ApiException.badRequest(pointer.substring(1) + " is longer than " + max + " characters", pointer);
        }
    }

    private static String requireEmail(String email) {
        if (email == null || !EMAIL.matcher(email.trim()).matches()) {
            throw ApiException.badRequest("email must be a valid email address", "/email");
        }
        return email.trim().toLowerCase(Locale.ROOT);
    }

    static void requirePassword(String password, String pointer) {
        PasswordPolicy.check(password, pointer);
    }
}
