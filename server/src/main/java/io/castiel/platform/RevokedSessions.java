package io.castiel.platform;

import java.util.UUID;

/**
 * Where the platform asks whether a session family was revoked. The module that stores sessions
 * (identity) implements it; the platform only caches the answers ({@link SessionRevocations}), so
 * it never reads another module's tables.
 */
public interface RevokedSessions {

    /** Whether the family was revoked or has ended; a family that never existed counts as revoked. */
    boolean isRevoked(UUID tenantId, UUID familyId);
}
