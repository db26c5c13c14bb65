package io.castiel.platform.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import io.castiel.platform.OneOffJob;
import io.castiel.platform.RecurringJob;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * db-scheduler over the application's PostgreSQL: every {@link RecurringJob} bean becomes a
 * recurring task and every {@link OneOffJob} bean a one-time task that {@link io.castiel.platform.Jobs}
 * schedules. Nodes coordinate through the {@code scheduled_tasks} table (a task instance is
 * picked by one node, with heartbeats so a dead node's work is taken over), so a job runs once
 * per interval in the cluster. Each run is recorded by {@link JobRuns}. Started after the context
 * is ready and stopped before it closes.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

    /** The instance id db-scheduler gives the single instance of a recurring task. */
    static final String RECURRING_INSTANCE = RecurringTask.INSTANCE;

    @Bean
    SchedulerLifecycle jobScheduler(DataSource dataSource, List<RecurringJob> recurring, List<OneOffJob> oneOff, JobRuns runs,
            JsonMapper json) {
        List<RecurringTask<Void>> recurringTasks = recurring.stream()
                .map(job -> Tasks.recurring(job.name(), FixedDelay.of(job.interval())).execute((instance, context) ->
                        runs.record(job.name(), instance.getId(), null, job::run)))
                .toList();
        Map<String, OneTimeTask<String>> oneOffTasks = oneOff.stream().collect(Collectors.toMap(OneOffJob::name,
                job -> Tasks.oneTime(job.name(), String.class).execute((instance, context) -> {
                    JsonNode data = json.readTree(instance.getData());
                    UUID tenantId = data.hasNonNull("tenantId") ? UUID.fromString(data.get("tenantId").asString()) : null;
                    String instanceId = OneOffInstances.instanceId(instance.getId());
                    runs.record(job.name(), instanceId, tenantId, () -> job.run(instanceId, tenantId, data.get("payload")));
                })));
        List<Task<?>> known = new ArrayList<>(oneOffTasks.values());
        Supplier<Scheduler> schedulers = () -> Scheduler.create(dataSource, known)
                .startTasks(recurringTasks)
                .schedulerName(new SchedulerName.Fixed(runs.node()))
                .threads(2)
                .pollingInterval(Duration.ofSeconds(1))
                .heartbeatInterval(Duration.ofSeconds(10))
                .shutdownMaxWait(Duration.ofSeconds(5))
                .alwaysPersistTimestampInUTC()
                .build();
        return new SchedulerLifecycle(schedulers, oneOffTasks, recurring.stream().collect(Collectors.toMap(RecurringJob::name,
                Function.identity())), json);
    }

    /**
     * Runs the scheduler with the context: after the web server started, until shutdown begins. A
     * stopped db-scheduler cannot start again, so a restart (the test framework pauses and resumes
     * cached contexts) builds a new one; scheduling works while it is stopped (it only writes rows).
     */
    static final class SchedulerLifecycle implements SmartLifecycle {

        private final Supplier<Scheduler> schedulers;
        private final Map<String, OneTimeTask<String>> oneOffTasks;
        private final Map<String, RecurringJob> recurring;
        private final JsonMapper json;
        private volatile Scheduler scheduler;
        private volatile boolean running;
        private boolean used;

        SchedulerLifecycle(Supplier<Scheduler> schedulers, Map<String, OneTimeTask<String>> oneOffTasks, Map<String, RecurringJob> recurring,
                JsonMapper json) {
            this.schedulers = schedulers;
            this.scheduler = schedulers.get();
            this.oneOffTasks = oneOffTasks;
            this.recurring = recurring;
            this.json = json;
        }

        Scheduler scheduler() {
            return scheduler;
        }

        Map<String, RecurringJob> recurringJobs() {
            return recurring;
        }

        boolean schedule(String name, String instanceId, UUID tenantId, Instant at, JsonNode payload) {
            OneTimeTask<String> task = oneOffTasks.get(name);
            if (task == null) {
                throw new IllegalArgumentException("No one-off job named " + name);
            }
            ObjectNode data = json.createObjectNode();
            data.put("tenantId", tenantId == null ? null : tenantId.toString());
            data.set("payload", payload);
            return scheduler.scheduleIfNotExists(task.instance(OneOffInstances.storedId(tenantId, instanceId), json.writeValueAsString(data)),
                    at);
        }

        /** Makes a recurring job due now and wakes the scheduler (operations, tests): the run is recorded as usual. */
        void runNow(String name) {
            if (!recurring.containsKey(name)) {
                throw new IllegalArgumentException("No recurring job named " + name);
            }
            scheduler.reschedule(TaskInstanceId.of(name, RECURRING_INSTANCE), Instant.now());
            scheduler.triggerCheckForDueExecutions();
        }

        @Override
        public synchronized void start() {
            if (used) {
                scheduler = schedulers.get();
            }
            used = true;
            scheduler.start();
            running = true;
        }

        @Override
        public synchronized void stop() {
            running = false;
            scheduler.stop();
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        /** A stopped db-scheduler cannot start again (its executors are gone): a paused test context must not stop it. */
        @Override
        public boolean isPauseable() {
            return false;
        }
    }
}
