package io.castiel.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The hash of one audit row: SHA-256 over its fields, each length-prefixed so that no two
 * different rows can encode to the same bytes, followed by the previous row's hash.
 */
final class ChainHash {

    static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    static String of(UUID tenantId, long seq, UUID id, UUID actorId, String action, String resourceType, String resourceId,
            String changes, String ip, String userAgent, Instant occurredAt, String prevHash) {
        StringBuilder content = new StringBuilder(256);
        for (Object field : new Object[] {tenantId, seq, id, actorId, action, resourceType, resourceId, changes, ip,
                userAgent, ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt), prevHash}) {
            String value = field == null ? "\u0000" : field.toString();
            content.append(value.length()).append(':').append(value).append('|');
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(content.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
