package io.castiel.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code castiel.redis.url} ({@code CASTIEL_REDIS_URL}), e.g. {@code redis://127.0.0.1:6379}: the
 * Redis that server nodes share rate-limit buckets and WebSocket messages through. Unset in embedded mode (buckets live
 * in the JVM); in server mode it defaults to {@code redis://127.0.0.1:6379}.
 */
@ConfigurationProperties("castiel.redis")
public record RedisProperties(String url) {
}
