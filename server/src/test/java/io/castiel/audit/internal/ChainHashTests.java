package io.castiel.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ChainHashTests {

    private static final UUID TENANT = UUID.fromString("01a21535-9fca-78fa-9f4b-8ead62431d3c");
    private static final UUID ID = UUID.fromString("01a21535-a127-7eb1-95da-a59ffb46114d");
    private static final Instant AT = Instant.parse("2026-11-26T00:00:00.123456Z");

    @Test
    void hashIsStableForTheSameRow() {
        assertThat(hash("shard.created", "{\"a\":1}", ChainHash.GENESIS)).isEqualTo(hash("shard.created", "{\"a\":1}", ChainHash.GENESIS))
                .hasSize(64);
    }

    @Test
    void everyFieldAndThePreviousHashChangeTheHash() {
        Set<String> hashes = new HashSet<>();
        hashes.add(ChainHash.of(TENANT, 1, ID, null, "a", "shard", "x", null, null, null, AT, ChainHash.GENESIS));
        hashes.add(ChainHash.of(UUID.randomUUID(), 1, ID, null, "a", "shard", "x", null, null, null, AT, ChainHash.GENESIS));
        hashes.add(ChainHash.of(TENANT, 2, ID, null, "a", "shard", "x", null, null, null, AT, ChainHash.GENESIS));
        hashes.add(ChainHash.of(TENANT, 1, UUID.randomUUID(), null, "a", "shard", "x", null, null, null, AT, ChainHash.GENESIS));
        hashes.add(ChainHash.of(TENANT, 1, ID, TENANT, "a", "shard", "x", null, null, null, AT, ChainHash.GENESIS));
        hashes.add(ChainHash.of(TENANT, 1, ID, null, "b", "shard", "x", null, null, null, AT, ChainHash.GENESIS));
        hashes.add(ChainHash.of(TENANT, 1, ID, null, "a", "user", "x", null, null, null, AT, ChainHash.GENESIS));
        hashes.add(ChainHash.of(TENANT, 1, ID, null, "a", "shard", "y", null, null, null, AT, ChainHash.GENESIS));
        hashes.add(ChainHash.of(TENANT, 1, ID, null, "a", "shard", "x", "{}", null, null, AT, ChainHash.GENESIS));
        hashes.add(ChainHash.of(TENANT, 1, ID, null, "a", "shard", "x", null, "127.0.0.1", null, AT, ChainHash.GENESIS));
        hashes.add(ChainHash.of(TENANT, 1, ID, null, "a", "shard", "x", null, null, "curl", AT, ChainHash.GENESIS));
        hashes.add(ChainHash.of(TENANT, 1, ID, null, "a", "shard", "x", null, null, null, AT.plusNanos(1000), ChainHash.GENESIS));
        hashes.add(ChainHash.of(TENANT, 1, ID, null, "a", "shard", "x", null, null, null, AT, "f".repeat(64)));

        assertThat(hashes).hasSize(13);
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        assertThat(ChainHash.of(TENANT, 1, ID, null, "ab", "c", null, null, null, null, AT, ChainHash.GENESIS))
                .isNotEqualTo(ChainHash.of(TENANT, 1, ID, null, "a", "bc", null, null, null, null, AT, ChainHash.GENESIS));
        assertThat(ChainHash.of(TENANT, 1, ID, null, "a", "shard", null, null, null, null, AT, ChainHash.GENESIS))
                .isNotEqualTo(ChainHash.of(TENANT, 1, ID, null, "a", "shard", "", null, null, null, AT, ChainHash.GENESIS));
    }

    private static String hash(String action, String changes, String prev) {
        return ChainHash.of(TENANT, 1, ID, null, action, "shard", "x", changes, null, null, AT, prev);
    }
}
