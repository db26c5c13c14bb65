package io.castiel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class IdsTests {

    @Test
    void idsAreVersion7AndStrictlyIncreasingWithinOneMillisecond() {
        Ids ids = new Ids(Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC));
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(ids.next());
        }

        assertThat(made).allSatisfy(id -> {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
        });
        for (int i = 1; i < made.size(); i++) {
            assertThat(made.get(i).toString()).isGreaterThan(made.get(i - 1).toString());
        }
        assertThat(made.get(0).getMostSignificantBits() >>> 16).isEqualTo(Instant.parse("2026-11-26T00:00:00Z").toEpochMilli());
    }
}
