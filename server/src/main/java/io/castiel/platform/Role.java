package io.castiel.platform;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Tenant roles, from most to least powerful. Each includes the rights of those below it. */
public enum Role {
    OWNER, ADMIN, MEMBER, VIEWER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(Role other) {
        return ordinal() <= other.ordinal();
    }

    public static Optional<Role> fromWire(String value) {
        for (Role role : values()) {
            if (role.wireName().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The strongest role of a set (roles are hierarchical, so that is what counts). */
    public static Role highest(Collection<Role> roles) {
        return roles.stream().min(Enum::compareTo).orElse(VIEWER);
    }
}
