package io.castiel.identity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code castiel.invitations.*}: how long an invitation link stays valid. */
@ConfigurationProperties("castiel.invitations")
public record InvitationProperties(@DefaultValue("7d") Duration ttl) {
}
