package io.castiel.platform;

import java.util.UUID;

/**
 * Published (at most once a minute per bucket and node) when an authenticated caller is refused
 * with 429, so the tenant's audit log shows who hit which limit. {@code apiKeyId} is null for a
 * user's own tokens; {@code scope} is {@code credential} or {@code tenant}.
 */
public record RateLimitExceeded(UUID tenantId, UUID userId, UUID apiKeyId, String scope, long perMinute) {
}
