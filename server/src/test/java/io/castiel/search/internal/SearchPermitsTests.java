package io.castiel.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import io.castiel.platform.ApiException;

class SearchPermitsTests {

    @Test
    void aSearchWaitsForAFreePermitAndGets503WhenNoneFreesInTime() throws Exception {
        SearchPermits permits = new SearchPermits(1, Duration.ofMillis(200));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> permits.run(() -> {
            running.countDown();
            await(finish);
            return "first";
        }));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        assertThatThrownBy(() -> permits.run(() -> "second")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(190));

        CompletableFuture<String> queued = CompletableFuture.supplyAsync(() -> permits.run(() -> "queued"));
        finish.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("queued");
    }

    @Test
    void aFailedSearchGivesItsPermitBack() {
        SearchPermits permits = new SearchPermits(1, Duration.ofMillis(50));
        assertThatThrownBy(() -> permits.run(() -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(permits.run(() -> "next")).isEqualTo("next");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
