package io.castiel.notification.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.castiel.identity.UserService;
import io.castiel.platform.Actor;
import io.castiel.platform.Role;

/**
 * Who receives a notification, asked of identity as the users are now (a deactivated user gets
 * nothing; a demoted admin no longer gets admin notices; roles decide shard access).
 */
@Component
class Recipients {

    /** An active user of the tenant, with its roles. */
    record Recipient(UUID userId, String email, Set<Role> roles) {

        Actor actor(UUID tenantId) {
            return new Actor(userId, tenantId, roles);
        }
    }

    private final UserService users;

    Recipients(UserService users) {
        this.users = users;
    }

    /** Every active admin and owner. */
    List<Recipient> admins(UUID tenantId) {
        return users.activeAdmins(tenantId).stream().map(Recipients::recipient).toList();
    }

    /** The user, when active. */
    Optional<Recipient> user(UUID tenantId, UUID userId) {
        return users.findActive(tenantId, userId).map(Recipients::recipient);
    }

    private static Recipient recipient(UserService.User user) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        user.roles().stream().map(Role::fromWire).flatMap(Optional::stream).forEach(roles::add);
        return new Recipient(user.id(), user.email(), roles);
    }
}
