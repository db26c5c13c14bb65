package io.castiel.platform.internal;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

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
        Supplier<Scheduler> scheduler = () -> Scheduler.create(dataSource)
                .startTasks(tasks)
                .threads(2)
                .pollingInterval(Duration.ofSeconds(1))
                .heartbeatInterval(Duration.ofSeconds(10))
                .shutdownMaxWait(Duration.ofSeconds(5))
                .alwaysPersistTimestampInUTC()
                .build();
        return new SchedulerLifecycle(scheduler);
    }

    /**
     * Runs the scheduler with the context: after the web server started, until shutdown begins. A
     * db-scheduler {@code Scheduler} cannot start again once stopped (its executors are shut down),
     * and a context may be stopped and started again (the test context cache pauses the contexts
     * it is not using), so each start builds a new one.
     */
    static final class SchedulerLifecycle implements SmartLifecycle {

        private final Supplier<Scheduler> schedulers;
        private volatile Scheduler scheduler;

        SchedulerLifecycle(Supplier<Scheduler> schedulers) {
            this.schedulers = schedulers;
        }

        @Override
        public synchronized void start() {
            if (scheduler == null) {
                scheduler = schedulers.get();
                scheduler.start();
            }
        }

        @Override
        public synchronized void stop() {
            if (scheduler != null) {
                scheduler.stop();
                scheduler = null;
            }
        }

        @Override
        public boolean isRunning() {
            return scheduler != null;
        }
    }
}
