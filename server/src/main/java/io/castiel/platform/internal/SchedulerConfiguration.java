package io.castiel.platform.internal;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import io.castiel.platform.RecurringJob;

/**
 * db-scheduler over the application's PostgreSQL: every {@link RecurringJob} bean becomes a
 * recurring task. Nodes coordinate through the {@code scheduled_tasks} table (a task instance is
 * picked by one node, with heartbeats so a dead node's work is taken over), so a job runs once
 * per interval in the cluster. Started after the context is ready and stopped before it closes.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

    @Bean
    SchedulerLifecycle jobScheduler(DataSource dataSource, List<RecurringJob> jobs) {
        List<RecurringTask<Void>> tasks = jobs.stream()
                .map(job -> Tasks.recurring(job.name(), FixedDelay.of(job.interval())).execute((instance, context) -> job.run()))
                .toList();
        return new SchedulerLifecycle(() -> Scheduler.create(dataSource)
                .startTasks(tasks)
                .threads(2)
                .pollingInterval(Duration.ofSeconds(1))
                .heartbeatInterval(Duration.ofSeconds(10))
                .shutdownMaxWait(Duration.ofSeconds(5))
                .alwaysPersistTimestampInUTC()
                .build());
    }

    /**
     * Runs the scheduler with the context: after the web server started, until shutdown begins.
     * A stopped db-scheduler cannot start again, so each start builds a new one (a context can be
     * stopped and restarted: Spring's test context cache pauses contexts it does not use).
     */
    static final class SchedulerLifecycle implements SmartLifecycle {

        private final java.util.function.Supplier<Scheduler> factory;
        private volatile Scheduler scheduler;
        private volatile boolean running;

        SchedulerLifecycle(java.util.function.Supplier<Scheduler> factory) {
            this.factory = factory;
        }

        Scheduler scheduler() {
            return scheduler;
        }

        @Override
        public void start() {
            scheduler = factory.get();
            scheduler.start();
            running = true;
        }

        @Override
        public void stop() {
            running = false;
            scheduler.stop();
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
