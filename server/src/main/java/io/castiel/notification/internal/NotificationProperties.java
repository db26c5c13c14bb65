package io.castiel.notification.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code castiel.notifications.*}. {@code ruleCacheTtl}: how long a node keeps a tenant's rules in
 * memory. A rule change on this node clears its copy at once; the TTL bounds how long another node
 * of a cluster may still act on the old rules.
 */
@ConfigurationProperties("castiel.notifications")
public record NotificationProperties(@DefaultValue("30s") Duration ruleCacheTtl) {
}
