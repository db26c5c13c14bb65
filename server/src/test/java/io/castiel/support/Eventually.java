package io.castiel.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Tries something until its answer is the one wanted or time is up, for what happens in another process or thread. */
public final class Eventually {

    private static final Duration EVERY = Duration.ofMillis(100);

    private Eventually() {
    }

    /** Calls {@code attempt} every 100 ms until {@code done} holds or {@code timeout} has passed; returns the last answer. */
    public static <T> T until(Supplier<T> attempt, Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T answer = attempt.get();
        while (!done.test(answer) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            answer = attempt.get();
        }
        return answer;
    }
}
