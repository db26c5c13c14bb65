package io.castiel.identity;

import io.castiel.identity.UserService.User;
import io.castiel.platform.EventHeader;

/** A user joined the tenant: registered it, was invited or was provisioned by single sign-on (API.md: {@code user.created}). */
public record UserCreated(EventHeader header, User user) implements io.castiel.platform.DomainEvent {

    public static final String TYPE = "user.created";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object data() {
        return user;
    }
}
