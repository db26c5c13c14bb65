package io.castiel.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RequestsFirstTests {

    private static final long MS = 1_000_000;

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final AtomicLong busy = new AtomicLong();
    private final RequestsFirst requestsFirst = new RequestsFirst(busy::get, 1.0, Duration.ofSeconds(30), now::get);

    /** Advances the clock by {@code millis} while {@code inService} requests were served at once on average. */
    private void serve(long millis, double inService) {
        now.addAndGet(millis * MS);
        busy.addAndGet((long) (millis * MS * inService));
    }

    @Test
    void anIdleNodeEmbeds() {
        serve(600, 0);
        assertThat(requestsFirst.mayEmbed()).isTrue();
        serve(600, 0.3);
        assertThat(requestsFirst.mayEmbed()).isTrue();
    }

    @Test
    void aBusyNodeMakesWorkersWait() {
        serve(600, 0);
        assertThat(requestsFirst.mayEmbed()).isTrue();
        serve(600, 12.5);
        assertThat(requestsFirst.mayEmbed()).isFalse();
        assertThat(requestsFirst.inService()).isEqualTo(12.5);
        serve(100, 12.5);
        assertThat(requestsFirst.mayEmbed()).isFalse();
    }

    @Test
    void workersEmbedAgainOnceTheLoadEases() {
        serve(600, 4);
        assertThat(requestsFirst.mayEmbed()).isFalse();
        serve(300, 0);
        assertThat(requestsFirst.mayEmbed()).as("the window is not over: the last reading stands").isFalse();
        serve(300, 0);
        assertThat(requestsFirst.mayEmbed()).isTrue();
    }

    @Test
    void underConstantLoadABatchRunsEveryMaxDeferral() {
        serve(600, 8);
        assertThat(requestsFirst.mayEmbed()).isFalse();
        int allowed = 0;
        for (int i = 0; i < 900; i++) {      // 90 s more in steps of 100 ms, always 8 requests in service
            serve(100, 8);
            if (requestsFirst.mayEmbed()) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(3);
    }

    @Test
    void zeroNeverWaits() {
        RequestsFirst never = new RequestsFirst(busy::get, 0, Duration.ofSeconds(30), now::get);
        serve(600, 50);
        assertThat(never.mayEmbed()).isTrue();
    }
}
