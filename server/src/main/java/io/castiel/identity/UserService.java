package io.castiel.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.identity.internal.ApiKeyVerifier;
import io.castiel.identity.internal.Invitations;
import io.castiel.identity.internal.Roles;
import io.castiel.identity.internal.SessionIssuer;
import io.castiel.platform.DomainEvents;
import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiException;
import io.castiel.platform.Cursors;
import io.castiel.platform.Ids;
import io.castiel.platform.Mailer;
import io.castiel.platform.Page;
import io.castiel.platform.PageRequest;
import io.castiel.platform.Role;
import io.castiel.platform.TenantContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The users of a tenant. Everyone in the tenant may read the list (to share shards with
 * colleagues); admins invite, change and remove users. Nobody grants or touches a role above
 * their own (only owners make or manage owners), and the last active owner can be neither
 * demoted, deactivated nor removed. Deactivating a user ends their sessions and revokes their
 * API keys; removing them deletes the user with their sessions, invitations and keys.
 *
 * <p>Other modules read users through {@link #find(UUID)}.
 */
@Service
public class UserService {

    private static final Logger log = LoggerFactory.getLogger(UserService.class);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{1,63}$");
    private static final List<String> STATUSES = List.of("active", "invited", "deactivated");
    private static final String COLUMNS = "id, email, name, roles, status, mfa_enabled, created_at, updated_at";

    /** A user as the API shows it. */
    public record User(UUID id, String email, String name, List<String> roles, String status, boolean mfaEnabled, Instant createdAt,
            Instant updatedAt) {

        Role highestRole() {
            return Role.highest(Roles.of(roles));
        }
    }

    private final JdbcClient jdbc;
    private final TenantContext tenants;
    private final ActorContext actors;
    private final AuditLog audit;
    private final Cursors cursors;
    private final Ids ids;
    private final Invitations invitations;
    private final SessionIssuer sessions;
    private final ApiKeyVerifier apiKeys;
    private final Mailer mailer;

    private final DomainEvents events;

    UserService(JdbcClient jdbc, TenantContext tenants, ActorContext actors, AuditLog audit, Cursors cursors, Ids ids,
            Invitations invitations, SessionIssuer sessions, ApiKeyVerifier apiKeys, Mailer mailer, DomainEvents events) {
        this.events = events;
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.actors = actors;
        this.audit = audit;
        this.cursors = cursors;
        this.ids = ids;
        this.invitations = invitations;
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.mailer = mailer;
    }

    /** A user of the current tenant, or empty (also for another tenant's user). */
    public Optional<User> find(UUID userId) {
        UUID tenantId = tenants.require();
        return tenants.inTenant(tenantId, () -> jdbc.sql("select " + COLUMNS + " from users where tenant_id = ? and id = ?")
                .params(tenantId, userId).query(UserService::user).optional());
    }

    /** Users of the current tenant by id, one statement for all (unknown and foreign ids are absent). */
    public Map<UUID, User> findAll(Collection<UUID> userIds) {
        actors.current();
        if (userIds.isEmpty()) {
            return Map.of();
        }
        UUID tenantId = tenants.require();
        return tenants.inTenant(tenantId, () -> {
            Map<UUID, User> found = new LinkedHashMap<>();
            jdbc.sql("select " + COLUMNS + " from users where tenant_id = :tenant and id in (:ids)").param("tenant", tenantId)
                    .param("ids", List.copyOf(userIds)).query(UserService::user).list().forEach(u -> found.put(u.id(), u));
            return found;
        });
    }

    /**
     * The user when active, for code that acts for no one in particular (an event consumer, a
     * sign-in): no actor needed, the tenant given.
     */
    public Optional<User> findActive(UUID tenantId, UUID userId) {
        return tenants.inTenant(tenantId, () -> jdbc.sql("select " + COLUMNS + " from users where tenant_id = ? and id = ? and status = 'active'")
                .params(tenantId, userId).query(UserService::user).optional());
    }

    /** As {@link #findActive(UUID, UUID)} for many users, one statement for all. */
    public Map<UUID, User> findActive(UUID tenantId, Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        return tenants.inTenant(tenantId, () -> {
            Map<UUID, User> found = new LinkedHashMap<>();
            jdbc.sql("select " + COLUMNS + " from users where tenant_id = :tenant and id in (:ids) and status = 'active'")
                    .param("tenant", tenantId).param("ids", List.copyOf(userIds)).query(UserService::user).list()
                    .forEach(u -> found.put(u.id(), u));
            return found;
        });
    }

    /** The tenant's active owners and admins, in creation order: whom a notice for "the admins" reaches. */
    public List<User> activeAdmins(UUID tenantId) {
        return tenants.inTenant(tenantId, () -> jdbc.sql("select " + COLUMNS
                + " from users where tenant_id = ? and status = 'active' and roles && array['owner', 'admin'] order by id")
                .params(tenantId).query(UserService::user).list());
    }

    public User get(UUID userId) {
        actors.current();
        return find(userId).orElseThrow(() -> ApiException.notFound("user", userId));
    }

    /** The tenant's users in creation order, optionally of one status. */
    public Page<User> list(String status, int limit, String cursor) {
        Actor actor = actors.current();
        PageRequest page = PageRequest.of(limit, cursor);
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest("status must be one of " + STATUSES, "/status");
        }
        UUID from = cursors.afterId(page, "userId");
        String sql = "select " + COLUMNS + " from users where tenant_id = :tenant" + (status == null ? "" : " and status = :status")
                + (from == null ? "" : " and id > :after") + " order by id limit :limit";
        List<User> rows = tenants.inTenant(actor.tenantId(), () -> {
            var statement = jdbc.sql(sql).param("tenant", actor.tenantId()).param("limit", page.rowsToFetch());
            if (status != null) {
                statement = statement.param("status", status);
            }
            if (from != null) {
                statement = statement.param("after", from);
            }
            return statement.query(UserService::user).list();
        });
        return cursors.pageById(rows, page, "userId", User::id);
    }

    /**
     * Invites someone by email: the user exists at once with status {@code invited} and receives a
     * link to set a password (see {@code POST /auth/invitations/accept}). An email already in the
     * tenant, whatever its status, is a 409.
     */
    public User invite(String email, String name, List<String> roleNames) {
        Actor actor = actors.requireRole(Role.ADMIN);
        String normalizedEmail = requireEmail(email);
        if (name != null && (name.isBlank() || name.length() > 200)) {
            throw ApiException.badRequest("name must be a non-empty string of at most 200 characters", "/name");
        }
        List<String> roles = roleNames == null ? List.of(Role.MEMBER.wireName()) : Roles.parse(roleNames, "/roles");
        requireMayGrant(actor.highestRole(), roles);
        String displayName = name != null ? name.trim() : normalizedEmail.substring(0, normalizedEmail.indexOf('@'));
        UUID userId = ids.next();
        Invited invited = tenants.inTenant(actor.tenantId(), () -> {
            requireMayGrant(actingRole(actor), roles);
            int inserted = jdbc.sql("""
                    insert into users (tenant_id, id, email, name, roles, status) values (?, ?, ?, ?, ?, 'invited')
                    on conflict do nothing""")
                    .params(actor.tenantId(), userId, normalizedEmail, displayName, roles.toArray(String[]::new)).update();
            if (inserted == 0) {
                throw ApiException.conflict("A user with the email " + normalizedEmail + " already belongs to this tenant");
            }
            Invitations.Issued issued = invitations.issue(actor.tenantId(), userId, actor.userId());
            ObjectNode changes = JsonNodeFactory.instance.objectNode().put("email", normalizedEmail)
                    .put("invitationId", issued.invitationId().toString()).put("expiresAt", issued.expiresAt().toString());
            changes.set("roles", Roles.json(roles));
            audit.record(AuditEntry.of("user.invited", "user", userId, changes).by(actor.userId()));
            User created = load(actor.tenantId(), userId);
            events.publish(h -> new UserCreated(h, created));
            return new Invited(created, issued.mail());
        });
        deliver(invited);
        return invited.user();
    }

    /** Sends a new invitation link to a user who has not accepted yet; earlier links stop working. */
    public void resendInvitation(UUID userId) {
        Actor actor = actors.requireRole(Role.ADMIN);
        Invited invited = tenants.inTenant(actor.tenantId(), () -> {
            Role acting = actingRole(actor);
            User user = lockedUser(actor.tenantId(), userId);
            requireMayManage(acting, user);
            if (!"invited".equals(user.status())) {
                throw ApiException.conflict("The user has already accepted the invitation");
            }
            Invitations.Issued issued = invitations.issue(actor.tenantId(), userId, actor.userId());
            audit.record(AuditEntry.of("user.invitation_resent", "user", userId, JsonNodeFactory.instance.objectNode()
                    .put("invitationId", issued.invitationId().toString()).put("expiresAt", issued.expiresAt().toString()))
                    .by(actor.userId()));
            return new Invited(user, issued.mail());
        });
        deliver(invited);
    }

    /**
     * Applies a JSON merge patch of {@code {name?, roles?, status?}} ({@code status}: {@code active}
     * or {@code deactivated}; an invited user becomes active only by accepting).
     */
    public User update(UUID userId, JsonNode patch) {
        Actor actor = actors.requireRole(Role.ADMIN);
        if (patch == null || !patch.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object");
        }
        String name = null;
        List<String> roles = null;
        String status = null;
        for (String field : patch.propertyNames()) {
            JsonNode value = patch.get(field);
            switch (field) {
                case "name" -> {
                    if (!value.isString() || value.asString().isBlank() || value.asString().length() > 200) {
                        throw ApiException.badRequest("name must be a non-empty string of at most 200 characters", "/name");
                    }
                    name = value.asString().trim();
                }
                case "roles" -> {
                    if (!value.isArray()) {
                        throw ApiException.badRequest("roles must be an array of role names", "/roles");
                    }
                    List<String> names = new ArrayList<>();
                    value.forEach(v -> names.add(v.isString() ? v.asString() : null));
                    roles = Roles.parse(names, "/roles");
                }
                case "status" -> {
                    if (!value.isString() || !List.of("active", "deactivated").contains(value.asString())) {
                        throw ApiException.badRequest("status must be active or deactivated", "/status");
                    }
                    status = value.asString();
                }
                default -> throw ApiException.badRequest("Only name, roles and status can be changed", "/" + field);
            }
        }
        if (roles != null) {
            requireMayGrant(actor.highestRole(), roles);
        }
        String newName = name;
        List<String> newRoles = roles;
        String newStatus = status;
        User updated = tenants.inTenant(actor.tenantId(), () -> {
            Role acting = actingRole(actor);
            if (newRoles != null) {
                requireMayGrant(acting, newRoles);
            }
            User before = lockedUser(actor.tenantId(), userId);
            requireMayManage(acting, before);
            if (newStatus != null && "invited".equals(before.status()) && !newStatus.equals(before.status())) {
                throw ApiException.conflict("The user has not accepted the invitation yet; remove the user to withdraw it");
            }
            boolean losesOwner = newRoles != null && !newRoles.contains(Role.OWNER.wireName());
            boolean deactivates = "deactivated".equals(newStatus) && "active".equals(before.status());
            if (losesOwner || deactivates) {
                requireAnotherOwner(actor.tenantId(), before, deactivates ? "deactivated" : "demoted");
            }
            jdbc.sql("""
                    update users set name = coalesce(?, name), roles = coalesce(?, roles), status = coalesce(?, status), updated_at = now()
                    where tenant_id = ? and id = ?""")
                    .params(newName, newRoles == null ? null : newRoles.toArray(String[]::new), newStatus, actor.tenantId(), userId)
                    .update();
            int keysRevoked = 0;
            if (deactivates) {
                sessions.revokeAll(actor.tenantId(), userId);
                keysRevoked = jdbc.sql("update api_keys set revoked_at = now() where tenant_id = ? and user_id = ? and revoked_at is null")
                        .params(actor.tenantId(), userId).update();
            }
            User after = load(actor.tenantId(), userId);
            ObjectNode changes = changes(before, after);
            if (deactivates) {
                changes.put("sessionsRevoked", true).put("apiKeysRevoked", keysRevoked);
            }
            audit.record(AuditEntry.of("user.updated", "user", userId, changes).by(actor.userId()));
            return after;
        });
        apiKeys.evictUser(userId);
        return updated;
    }

    /** Removes a user from the tenant with their sessions, invitations and API keys. */
    public void remove(UUID userId) {
        Actor actor = actors.requireRole(Role.ADMIN);
        tenants.inTenant(actor.tenantId(), () -> {
            Role acting = actingRole(actor);
            User user = lockedUser(actor.tenantId(), userId);
            requireMayManage(acting, user);
            if ("active".equals(user.status())) {
                requireAnotherOwner(actor.tenantId(), user, "removed");
            }
            jdbc.sql("delete from users where tenant_id = ? and id = ?").params(actor.tenantId(), userId).update();
            ObjectNode changes = JsonNodeFactory.instance.objectNode().put("email", user.email()).put("status", user.status());
            changes.set("roles", Roles.json(user.roles()));
            audit.record(AuditEntry.of("user.deleted", "user", userId, changes).by(actor.userId()));
            events.publish(h -> new UserDeleted(h, user));
            return null;
        });
        apiKeys.evictUser(userId);
    }

    private record Invited(User user, Mailer.Mail mail) {
    }

    /**
     * Mail goes out after the commit, so a slow or failing mail server never holds row locks. (With
     * an Idempotency-Key the whole request is one transaction: then a failed mail undoes the invite.)
     */
    private void deliver(Invited invited) {
        try {
            mailer.send(invited.mail());
        } catch (RuntimeException e) {
            log.warn("Could not send the invitation of user {}", invited.user().id(), e);
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Mail not sent", "User " + invited.user().id()
                    + " is invited but the invitation email could not be sent; try again with POST /api/v1/users/"
                    + invited.user().id() + "/invitation");
        }
    }

    /**
     * The role the actor manages users with, checked against the database rather than only the
     * access token (which may be up to 15 minutes old: a just-demoted admin must not keep managing
     * users). It first locks the tenant's row, so user-management writes of one tenant run one
     * after the other: two owners demoting each other at once cannot leave the tenant ownerless.
     */
    private Role actingRole(Actor actor) {
        jdbc.sql("select id from tenants where id = ? for no key update").param(actor.tenantId()).query(UUID.class).single();
        Role stored = jdbc.sql("select roles from users where tenant_id = ? and id = ? and status = 'active'")
                .params(actor.tenantId(), actor.userId())
                .query((rs, n) -> Role.highest(Roles.of(Arrays.asList((String[]) rs.getArray(1).getArray()))))
                .optional()
                .orElseThrow(() -> ApiException.forbidden("Your account is no longer active in this tenant"));
        Role acting = stored.includes(actor.highestRole()) ? actor.highestRole() : stored;
        if (!acting.includes(Role.ADMIN)) {
            throw ApiException.forbidden("This action needs the admin role");
        }
        return acting;
    }

    /** Only owners grant the owner role; admins grant admin and below. */
    private static void requireMayGrant(Role acting, List<String> roles) {
        Role requested = Role.highest(Roles.of(roles));
        if (!acting.includes(requested)) {
            throw ApiException.forbidden("You cannot grant the " + requested.wireName() + " role: it is above your own");
        }
    }

    /** Admins do not change or remove owners (they could otherwise lock the owners out). */
    private static void requireMayManage(Role acting, User user) {
        if (!acting.includes(user.highestRole())) {
            throw ApiException.forbidden("Only an owner can change or remove an owner");
        }
    }

    /** Refuses to leave the tenant without an active owner (callers hold the tenant lock of {@link #actingRole}). */
    private void requireAnotherOwner(UUID tenantId, User user, String what) {
        if (!"active".equals(user.status()) || !user.roles().contains(Role.OWNER.wireName())) {
            return;
        }
        List<UUID> owners = jdbc.sql("select id from users where tenant_id = ? and status = 'active' and 'owner' = any (roles)")
                .param(tenantId).query(UUID.class).list();
        if (owners.stream().noneMatch(id -> !id.equals(user.id()))) {
            throw ApiException.conflict("The last active owner cannot be " + what + "; make another user owner first");
        }
    }

    private User lockedUser(UUID tenantId, UUID userId) {
        return jdbc.sql("select " + COLUMNS + " from users where tenant_id = ? and id = ? for update").params(tenantId, userId)
                .query(UserService::user).optional().orElseThrow(() -> ApiException.notFound("user", userId));
    }

    private User load(UUID tenantId, UUID userId) {
        return jdbc.sql("select " + COLUMNS + " from users where tenant_id = ? and id = ?").params(tenantId, userId)
                .query(UserService::user).single();
    }

    private static ObjectNode changes(User before, User after) {
        ObjectNode changes = JsonNodeFactory.instance.objectNode();
        if (!before.name().equals(after.name())) {
            changes.putObject("name").put("from", before.name()).put("to", after.name());
        }
        if (!before.roles().equals(after.roles())) {
            ObjectNode roles = changes.putObject("roles");
            roles.set("from", Roles.json(before.roles()));
            roles.set("to", Roles.json(after.roles()));
        }
        if (!before.status().equals(after.status())) {
            changes.putObject("status").put("from", before.status()).put("to", after.status());
        }
        return changes;
    }

    private static String requireEmail(String email) {
        if (email == null || !EMAIL.matcher(email.trim()).matches()) {
            throw ApiException.badRequest("email must be a valid email address", "/email");
        }
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private static User user(ResultSet rs, int row) throws SQLException {
        return new User(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("name"),
                Arrays.asList((String[]) rs.getArray("roles").getArray()), rs.getString("status"), rs.getBoolean("mfa_enabled"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
