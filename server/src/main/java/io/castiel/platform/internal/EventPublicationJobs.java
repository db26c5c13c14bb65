package io.castiel.platform.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;

import io.castiel.platform.RecurringJob;

/**
 * Upkeep of the outbox (Spring Modulith's {@code event_publication}): publications whose listener
 * failed (a webhook target or the message broker was down) are resubmitted every minute, so an
 * outage delays events but loses none, not only at the next restart; completed publications are
 * deleted after a week (kept that long to answer "was this delivered?").
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventPublicationProperties.class)
class EventPublicationJobs {

    private static final Logger log = LoggerFactory.getLogger(EventPublicationJobs.class);

    @Bean
    RecurringJob resubmitFailedEvents(FailedEventPublications failed, EventPublicationProperties properties) {
        return new Job("resubmit-failed-events", Duration.ofMinutes(1),
                () -> failed.resubmit(ResubmissionOptions.defaults().withMinAge(properties.resubmitAfter())));
    }

    @Bean
    RecurringJob purgeEventPublications(CompletedEventPublications completed, EventPublicationProperties properties) {
        return new Job("purge-event-publications", Duration.ofHours(1), () -> {
            completed.deletePublicationsOlderThan(properties.keepCompleted());
            log.debug("Deleted completed event publications older than {}", properties.keepCompleted());
        });
    }

    private record Job(String name, Duration interval, Runnable body) implements RecurringJob {

        @Override
        public void run() {
            body.run();
        }
    }
}
