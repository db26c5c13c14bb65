package io.castiel.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class WorkQueueTests {

    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void theThirdCallerWaitsUntilAPermitIsReleased() throws Exception {
        WorkQueue queue = new WorkQueue(2, Duration.ofSeconds(10), "Busy", "Try again");
        CountDownLatch running = new CountDownLatch(2);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> queue.run(() -> hold(running, finish, "first")), callers);
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> queue.run(() -> hold(running, finish, "second")), callers);
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        CountDownLatch thirdStarted = new CountDownLatch(1);
        CompletableFuture<String> third = CompletableFuture.supplyAsync(() -> queue.run(() -> {
            thirdStarted.countDown();
            return "third";
        }), callers);
        assertThat(thirdStarted.await(200, TimeUnit.MILLISECONDS)).isFalse();
        assertThatThrownBy(() -> third.get(50, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

        finish.countDown();
        assertThat(third.get(5, TimeUnit.SECONDS)).isEqualTo("third");
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("second");
    }

    @Test
    void aCallerThatWaitsPastTheTimeoutGetsA503WithTheBusyProblem() throws Exception {
        WorkQueue queue = new WorkQueue(1, Duration.ofMillis(200), "Analytics busy", "Too many analytics queries are running; retry in a moment");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> queue.run(() -> hold(running, finish, "first")), callers);
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        assertThatThrownBy(() -> queue.run(() -> "second")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(e.title()).isEqualTo("Analytics busy");
            assertThat(e.getMessage()).isEqualTo("Too many analytics queries are running; retry in a moment");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(190));

        finish.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
    }

    @Test
    void permitsAreReleasedWhenTheWorkThrows() {
        WorkQueue queue = new WorkQueue(1, Duration.ofMillis(50), "Busy", "Try again");
        assertThatThrownBy(() -> queue.run(() -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(queue.run(() -> "next")).isEqualTo("next");
    }

    @Test
    void waitingCallersRunInArrivalOrder() throws Exception {
        WorkQueue queue = new WorkQueue(1, Duration.ofSeconds(10), "Busy", "Try again");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> queue.run(() -> hold(running, finish, "first")), callers);
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        StringBuffer order = new StringBuffer();
        CompletableFuture<?>[] waiting = new CompletableFuture<?>[5];
        for (int i = 0; i < waiting.length; i++) {
            int caller = i;
            waiting[i] = CompletableFuture.supplyAsync(() -> queue.run(() -> order.append(caller)), callers);
            Thread.sleep(50); // lets caller i queue before caller i + 1
        }
        finish.countDown();
        CompletableFuture.allOf(waiting).get(5, TimeUnit.SECONDS);
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(order).hasToString("01234");
    }

    @Test
    void aQueueWithoutPermitsIsRefused() {
        assertThatThrownBy(() -> new WorkQueue(0, Duration.ofSeconds(1), "Busy", "Try again")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String hold(CountDownLatch running, CountDownLatch finish, String result) {
        running.countDown();
        try {
            finish.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return result;
    }
}
