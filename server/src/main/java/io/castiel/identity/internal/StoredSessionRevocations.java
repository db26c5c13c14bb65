package io.castiel.identity.internal;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.castiel.platform.RevokedSessions;

/**
 * Answers the platform's revocation check from the sessions table, which identity owns. Asked
 * before and outside any tenant transaction, hence the narrow SECURITY DEFINER function
 * {@code session_family_revoked} rather than a query under Row-Level Security.
 */
@Component
class StoredSessionRevocations implements RevokedSessions {

    private final JdbcClient jdbc;

    StoredSessionRevocations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean isRevoked(UUID tenantId, UUID familyId) {
        return jdbc.sql("select session_family_revoked(?, ?)").params(tenantId, familyId).query(Boolean.class).single();
    }
}
