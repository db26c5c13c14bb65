package io.castiel.platform.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Upkeep of the event outbox ({@code castiel.events.*}).
 *
 * @param resubmitAfter a publication whose listener failed is tried again once it is this old
 *        (and then at each run of {@code resubmit-failed-events}, every minute)
 * @param keepCompleted completed publications are deleted once older than this
 */
@ConfigurationProperties("castiel.events")
record EventPublicationProperties(Duration resubmitAfter, Duration keepCompleted) {

    EventPublicationProperties {
        resubmitAfter = resubmitAfter == null ? Duration.ofMinutes(1) : resubmitAfter;
        keepCompleted = keepCompleted == null ? Duration.ofDays(7) : keepCompleted;
    }
}
