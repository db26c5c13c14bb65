package io.castiel.notification.internal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.castiel.platform.Actor;
import io.castiel.platform.Role;

/**
 * Who receives a notification, read from the tenant's users as they are now (a deactivated user
 * gets nothing; a demoted admin no longer gets admin notices; roles decide shard access). A read
 * of identity's {@code users} table: identity's services answer for the current actor, and a
 * consumer of events has none. Needs the tenant's transaction.
 */
@Component
class Recipients {

    /** An active user of the tenant, with its roles. */
    record Recipient(UUID userId, String email, Set<Role> roles) {

        Actor actor(UUID tenantId) {
            return new Actor(userId, tenantId, roles);
        }
    }

    private final JdbcClient jdbc;

    Recipients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every active admin and owner. */
    @Transactional(propagation = Propagation.MANDATORY, readOnly = true)
    List<Recipient> admins(UUID tenantId) {
        return jdbc.sql("select id, email, roles from users where tenant_id = ? and status = 'active' and roles && array['owner', 'admin']"
                + " order by id").params(tenantId).query((rs, n) -> recipient(rs)).list();
    }

    /** The user, when active. */
    @Transactional(propagation = Propagation.MANDATORY, readOnly = true)
    Optional<Recipient> user(UUID tenantId, UUID userId) {
        return jdbc.sql("select id, email, roles from users where tenant_id = ? and id = ? and status = 'active'").params(tenantId, userId)
                .query((rs, n) -> recipient(rs)).optional();
    }

    private static Recipient recipient(java.sql.ResultSet rs) throws java.sql.SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream((String[]) rs.getArray("roles").getArray()).map(Role::fromWire).flatMap(Optional::stream).forEach(roles::add);
        return new Recipient(rs.getObject("id", UUID.class), rs.getString("email"), roles);
    }
}
