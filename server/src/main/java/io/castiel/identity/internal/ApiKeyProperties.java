package io.castiel.identity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code castiel.api-keys.*}: {@code cacheTtl} is how long a verified key is trusted without asking
 * the database (a revocation on this node takes effect at once; on another node after at most
 * this long); {@code lastUsedInterval} is how often {@code lastUsedAt} is written per key.
 */
@ConfigurationProperties("castiel.api-keys")
public record ApiKeyProperties(
        @DefaultValue("10s") Duration cacheTtl,
        @DefaultValue("1m") Duration lastUsedInterval) {
}
