package io.castiel.platform.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;

import io.castiel.platform.RecurringJob;

/**
 * Upkeep of the outbox (Spring Modulith's {@code event_publication}): publications whose listener
 * failed (a webhook target or the message broker was down) are resubmitted every
 * {@code castiel.events.resubmit-interval}, so an outage delays events but loses none, not only
 * at the next restart; completed publications are deleted after a week (kept that long to answer
 * "was this delivered?").
 *
 * <p>A listener cut off by a database outage cannot record that it failed: its publication stays
 * published, processing or resubmitted, which resubmission does not look at. Before resubmitting,
 * the job therefore marks failed what has been in flight longer than {@code castiel.events.stale-after}
 * since it was published or last resubmitted, so that such an event is retried within
 * stale-after plus resubmit-interval (2 min by default). Delivery is at least once: a listener
 * that ran but could not record its completion runs again (AMQP consumers de-duplicate by
 * message id, webhook receivers by event id).
 *
 * <p>Why not Spring Modulith's own staleness monitor ({@code spring.modulith.events.staleness.*}):
 * in 2.0.3 it only runs with {@code @EnableScheduling}, on every node; a state left unset
 * counts as stale at once (every publication just published would be marked failed at each
 * check); and a resubmitted publication is measured from its first publication, not from its
 * resubmission, so one being retried right now is marked failed and may run twice at once.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventPublicationProperties.class)
class EventPublicationJobs {

    private static final Logger log = LoggerFactory.getLogger(EventPublicationJobs.class);

    @Bean
    RecurringJob resubmitFailedEvents(FailedEventPublications failed, JdbcClient jdbc, Clock clock, EventPublicationProperties properties) {
        return new Job("resubmit-failed-events", properties.resubmitInterval(), () -> {
            int stale = jdbc.sql("""
                    update event_publication set status = 'FAILED'
                    where completion_date is null and status in ('PUBLISHED', 'PROCESSING', 'RESUBMITTED')
                      and coalesce(last_resubmission_date, publication_date) < ?""")
                    .param(Timestamp.from(clock.instant().minus(properties.staleAfter()))).update();
            if (stale > 0) {
                log.info("{} event publication(s) in flight for over {} (their listener was cut off) marked failed, to be resubmitted",
                        stale, properties.staleAfter());
            }
            failed.resubmit(ResubmissionOptions.defaults().withMinAge(properties.resubmitAfter()));
        });
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
