package io.castiel.identity.internal;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.platform.ApiException;
import io.castiel.platform.Ids;
import io.castiel.platform.MailProperties;
import io.castiel.platform.Mailer;
import io.castiel.platform.NotificationRequested;
import io.castiel.platform.SignedValues;
import io.castiel.platform.TenantContext;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Invitation tokens: issued when an admin invites someone (or resends), spent when the invitee
 * sets a password. A token is {@code base64url(expiry || 32 random bytes) "." base64url(tag)}, the
 * tag an HMAC with the server's key, so a forged, truncated or visibly expired token is refused
 * without touching the database. Only the SHA-256 of the token is stored; the row decides whether
 * it is still valid (not expired, not spent, not replaced by a newer invitation).
 */
@Component
public class Invitations {

    private static final int RANDOM_BYTES = 32;
    private static final String PURPOSE = "invitation";
    private static final String INVALID = "The invitation is invalid, has expired or was already used";

    private final JdbcClient jdbc;
    private final TenantContext tenants;
    private final PasswordHasher passwords;
    private final SessionIssuer sessions;
    private final AuditLog audit;
    private final Ids ids;
    private final Clock clock;
    private final SignedValues signed;
    private final InvitationProperties properties;
    private final MailProperties mail;
    private final SignInGate gate;
    private final ApplicationEventPublisher publisher;
    private final SecureRandom random = new SecureRandom();

    Invitations(JdbcClient jdbc, TenantContext tenants, PasswordHasher passwords, SessionIssuer sessions, AuditLog audit, Ids ids,
            Clock clock, SignedValues signed, InvitationProperties properties, MailProperties mail, SignInGate gate,
            ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.passwords = passwords;
        this.sessions = sessions;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.signed = signed;
        this.properties = properties;
        this.mail = mail;
        this.gate = gate;
        this.publisher = publisher;
    }

    /** A new invitation mail's content; the token in it is shown nowhere else. */
    public record Issued(UUID invitationId, Instant expiresAt, Mailer.Mail mail) {
    }

    /**
     * Issues a token for an invited user, replacing any earlier pending one (only the newest link
     * works). Call inside the tenant's transaction; send the mail after it commits.
     */
    public Issued issue(UUID tenantId, UUID userId, UUID invitedBy) {
        Instant expiresAt = clock.instant().plus(properties.ttl());
        String token = newToken(expiresAt);
        jdbc.sql("""
                update invitations set revoked_at = now()
                where tenant_id = ? and user_id = ? and accepted_at is null and revoked_at is null""")
                .params(tenantId, userId).update();
        UUID id = ids.next();
        jdbc.sql("""
                insert into invitations (tenant_id, id, user_id, token_hash, invited_by, expires_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(tenantId, id, userId, TokenIssuer.hash(token), invitedBy, Timestamp.from(expiresAt)).update();
        Invitee invitee = jdbc.sql("""
                select u.email, t.name as tenant_name, (select name from users where tenant_id = ? and id = ?) as inviter
                from users u join tenants t on t.id = u.tenant_id
                where u.tenant_id = ? and u.id = ?""")
                .params(tenantId, invitedBy, tenantId, userId)
                .query((rs, n) -> new Invitee(rs.getString("email"), rs.getString("tenant_name"), rs.getString("inviter")))
                .single();
        String link = mail.link("/accept-invitation?token=" + token);
        String text = (invitee.inviter() == null ? "You have" : invitee.inviter() + " has") + " invited you to join "
                + invitee.tenantName() + " on Castiel.\n\n"
                + "Choose your password and sign in here:\n" + link + "\n\n"
                + "The link works once and expires on " + expiresAt + ". If you did not expect this invitation, ignore this mail.\n";
        return new Issued(id, expiresAt, new Mailer.Mail(invitee.email(),
                "You are invited to " + invitee.tenantName().replaceAll("\\p{Cntrl}+", " ") + " on Castiel", text));
    }

    /**
     * Spends an invitation: sets the password, activates the user (whose email is now verified: the
     * token reached that mailbox) and signs them in, through the same gate as a password login: in
     * a tenant that requires MFA the answer is an enrolment challenge, not yet a token pair.
     */
    public LoginAnswer accept(String token, String password, String name) {
        if (name != null && (name.isBlank() || name.length() > 200)) {
            throw ApiException.badRequest("name must be a non-empty string of at most 200 characters", "/name");
        }
        AuthService.requirePassword(password, "/password");
        byte[] hash = verifiedHash(token);
        UUID tenantId = jdbc.sql("select invitation_tenant(?)").param(hash).query(UUID.class).optional().orElse(null);
        if (tenantId == null) {
            throw invalid();
        }
        String passwordHash = passwords.hash(password);
        Optional<UUID> accepted = tenants.inTenant(tenantId, () -> {
            Pending pending = jdbc.sql("""
                    select i.id, i.user_id, i.invited_by, i.accepted_at, i.revoked_at, i.expires_at, u.status, u.email
                    from invitations i join users u on u.tenant_id = i.tenant_id and u.id = i.user_id
                    where i.tenant_id = ? and i.token_hash = ?
                    for update""")
                    .params(tenantId, hash)
                    .query((rs, n) -> new Pending(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                            rs.getObject("invited_by", UUID.class), rs.getString("email"),
                            rs.getTimestamp("accepted_at") != null ? "spent"
                                    : rs.getTimestamp("revoked_at") != null ? "replaced"
                                    : !rs.getTimestamp("expires_at").toInstant().isAfter(clock.instant()) ? "expired"
                                    : !"invited".equals(rs.getString("status")) ? "user_" + rs.getString("status")
                                    : null))
                    .optional()
                    .orElse(null);
            if (pending == null) {
                // Withdrawn (user removed) between the two lookups.
                return Optional.<UUID>empty();
            }
            if (pending.refusal() != null) {
                // A genuine link that no longer works: worth a trace, since a second use of a spent
                // link may mean that someone else read the mail.
                audit.record(AuditEntry.of("user.invitation_refused", "user", pending.userId(), JsonNodeFactory.instance.objectNode()
                        .put("reason", pending.refusal()).put("invitationId", pending.id().toString())));
                return Optional.<UUID>empty();
            }
            jdbc.sql("""
                    update users set password_hash = ?, status = 'active', name = coalesce(?, name),
                                     email_verified_at = coalesce(email_verified_at, now()), updated_at = now()
                    where tenant_id = ? and id = ?""")
                    .params(passwordHash, name == null ? null : name.trim(), tenantId, pending.userId()).update();
            jdbc.sql("update invitations set accepted_at = now() where tenant_id = ? and id = ?").params(tenantId, pending.id()).update();
            List<String> roles = sessions.rolesOf(tenantId, pending.userId());
            audit.record(AuditEntry.of("user.created", "user", pending.userId(), JsonNodeFactory.instance.objectNode()
                    .put("via", "invitation").put("invitationId", pending.id().toString())
                    .set("roles", JsonNodeFactory.instance.arrayNode().addAll(roles.stream().map(JsonNodeFactory.instance::stringNode).toList())))
                    .by(pending.userId()));
            if (pending.invitedBy() != null) {
                // In-app (and mail) for whoever invited them: the invitee got the invitation mail.
                publisher.publishEvent(new NotificationRequested(tenantId, pending.invitedBy(), "invitation.accepted",
                        pending.email() + " accepted your invitation", pending.email() + " joined with roles " + String.join(", ", roles) + ".",
                        "/users/" + pending.userId()));
            }
            return Optional.of(pending.userId());
        });
        UUID userId = accepted.orElseThrow(Invitations::invalid);
        Optional<MfaChallenge> challenge = gate.afterPassword(tenantId, userId);
        if (challenge.isPresent()) {
            return challenge.get();
        }
        return tenants.inTenant(tenantId, () -> sessions.start(tenantId, userId));
    }

    private String newToken(Instant expiresAt) {
        byte[] payload = ByteBuffer.allocate(Long.BYTES + RANDOM_BYTES).putLong(expiresAt.getEpochSecond()).array();
        byte[] secret = new byte[RANDOM_BYTES];
        random.nextBytes(secret);
        System.arraycopy(secret, 0, payload, Long.BYTES, RANDOM_BYTES);
        return signed.sign(PURPOSE, payload);
    }

    /** The stored hash of a token whose tag is ours and whose embedded expiry has not passed. */
    private byte[] verifiedHash(String token) {
        if (token == null || token.length() > 200) {
            throw invalid();
        }
        byte[] payload = signed.verify(PURPOSE, token).orElseThrow(Invitations::invalid);
        if (payload.length != Long.BYTES + RANDOM_BYTES) {
            throw invalid();
        }
        if (Instant.ofEpochSecond(ByteBuffer.wrap(payload).getLong()).isBefore(clock.instant())) {
            throw invalid();
        }
        return TokenIssuer.hash(token);
    }

    private static ApiException invalid() {
        return ApiException.badRequest(INVALID, "/token");
    }

    private record Invitee(String email, String tenantName, String inviter) {
    }

    /** An invitation row; {@code refusal} says why it cannot be accepted, null when it can. */
    private record Pending(UUID id, UUID userId, UUID invitedBy, String email, String refusal) {
    }
}
