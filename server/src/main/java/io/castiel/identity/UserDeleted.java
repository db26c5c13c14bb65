package io.castiel.identity;

import io.castiel.identity.UserService.User;
import io.castiel.platform.EventHeader;

/** A user was removed from the tenant, as they were (API.md: {@code user.deleted}). */
public record UserDeleted(EventHeader header, User user) implements io.castiel.platform.DomainEvent {

    public static final String TYPE = "user.deleted";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object data() {
        return user;
    }
}
