package io.castiel.platform.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Upkeep of the event outbox ({@code castiel.events.*}).
 *
 * @param resubmitAfter a publication whose listener failed is tried again once it is this old
 *        (and then at each run of {@code resubmit-failed-events})
 * @param resubmitInterval how often {@code resubmit-failed-events} runs (once per cluster)
 * @param staleAfter a publication still in flight (published, processing or resubmitted, neither
 *        completed nor failed) this long after it was published or last resubmitted counts as
 *        failed, and is resubmitted: its listener was cut off, e.g. by a database outage that kept
 *        it from recording its outcome. Longer than any listener runs, or a slow one runs twice.
 * @param keepCompleted completed publications are deleted once older than this
 */
@ConfigurationProperties("castiel.events")
record EventPublicationProperties(Duration resubmitAfter, Duration resubmitInterval, Duration staleAfter, Duration keepCompleted) {

    EventPublicationProperties {
        resubmitAfter = resubmitAfter == null ? Duration.ofMinutes(1) : resubmitAfter;
        resubmitInterval = resubmitInterval == null ? Duration.ofMinutes(1) : resubmitInterval;
        staleAfter = staleAfter == null ? Duration.ofMinutes(1) : staleAfter;
        keepCompleted = keepCompleted == null ? Duration.ofDays(7) : keepCompleted;
        if (resubmitInterval.isNegative() || resubmitInterval.isZero() || staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("castiel.events.resubmit-interval and castiel.events.stale-after must be positive");
        }
    }
}
