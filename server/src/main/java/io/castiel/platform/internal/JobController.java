package io.castiel.platform.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.castiel.platform.ActorContext;
import io.castiel.platform.Page;
import io.castiel.platform.RecurringJob;
import io.castiel.platform.Role;

/**
 * {@code GET /api/v1/jobs} (admins): the jobs and their last and next runs. Jobs are cluster-wide
 * system state, so a tenant admin sees (1) every recurring job (housekeeping such as purges and
 * audit retention: name, interval, last run with outcome and error, next run, whether it runs now)
 * and (2) only the one-off jobs scheduled on behalf of their own tenant, grouped by job name.
 * Runs of other tenants' one-off jobs are never shown. What a recurring job did to the caller's
 * tenant is in that tenant's audit log (e.g. {@code audit.purged}).
 */
@RestController
@RequestMapping("/api/v1/jobs")
class JobController {

    /** One job as the list shows it. {@code interval} (ISO-8601) for recurring jobs, {@code pending} for one-off ones. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JobView(String name, String kind, String interval, Instant lastRunAt, Instant lastFinishedAt, String lastOutcome,
            String lastError, String lastNode, Instant nextRunAt, boolean running, Integer pending) {
    }

    private record LastRun(Instant startedAt, Instant finishedAt, String outcome, String error, String node) {
    }

    private record Next(Instant executionTime, boolean picked) {
    }

    private final JdbcClient jdbc;
    private final ActorContext actors;
    private final SchedulerConfiguration.SchedulerLifecycle scheduler;

    JobController(JdbcClient jdbc, ActorContext actors, SchedulerConfiguration.SchedulerLifecycle scheduler) {
        this.jdbc = jdbc;
        this.actors = actors;
        this.scheduler = scheduler;
    }

    @GetMapping
    Page<JobView> list() {
        UUID tenantId = actors.requireRole(Role.ADMIN).tenantId();
        List<JobView> jobs = new ArrayList<>();
        scheduler.recurringJobs().values().stream().sorted(Comparator.comparing(RecurringJob::name)).forEach(job -> {
            LastRun last = jdbc.sql("""
                    select started_at, finished_at, outcome, error, node from job_runs
                    where job_name = ? and tenant_id is null and outcome <> 'running'
                    order by started_at desc limit 1""")
                    .param(job.name()).query(JobController::lastRun).optional().orElse(null);
            Next next = jdbc.sql("select execution_time, picked from scheduled_tasks where task_name = ? and task_instance = ?")
                    .params(job.name(), SchedulerConfiguration.RECURRING_INSTANCE)
                    .query((rs, n) -> new Next(instant(rs, "execution_time"), rs.getBoolean("picked"))).optional().orElse(null);
            jobs.add(view(job.name(), "recurring", job.interval().toString(), last, next == null ? null : next.executionTime(),
                    next != null && next.picked(), null));
        });
        String prefix = OneOffInstances.prefix(tenantId);
        List<String> oneOffNames = jdbc.sql("""
                select job_name from job_runs where tenant_id = ?
                union
                select task_name from scheduled_tasks where task_instance like ? || '%'
                order by 1""").params(tenantId, prefix).query(String.class).list();
        for (String name : oneOffNames) {
            LastRun last = jdbc.sql("""
                    select started_at, finished_at, outcome, error, node from job_runs
                    where job_name = ? and tenant_id = ? and outcome <> 'running'
                    order by started_at desc limit 1""")
                    .params(name, tenantId).query(JobController::lastRun).optional().orElse(null);
            record Pending(int count, Instant next, boolean picked) {
            }
            Pending pending = jdbc.sql("""
                    select count(*) as n, min(execution_time) filter (where not picked) as next, coalesce(bool_or(picked), false) as picked
                    from scheduled_tasks where task_name = ? and task_instance like ? || '%'""")
                    .params(name, prefix).query((rs, n) -> new Pending(rs.getInt("n"), instant(rs, "next"), rs.getBoolean("picked")))
                    .single();
            jobs.add(view(name, "one-off", null, last, pending.next(), pending.picked(), pending.count()));
        }
        return new Page<>(jobs, null);
    }

    private static JobView view(String name, String kind, String interval, LastRun last, Instant next, boolean running,
            Integer pending) {
        return new JobView(name, kind, interval, last == null ? null : last.startedAt(), last == null ? null : last.finishedAt(),
                last == null ? null : last.outcome(), last == null ? null : last.error(), last == null ? null : last.node(), next,
                running, pending);
    }

    private static LastRun lastRun(ResultSet rs, int row) throws SQLException {
        return new LastRun(instant(rs, "started_at"), instant(rs, "finished_at"), rs.getString("outcome"), rs.getString("error"),
                rs.getString("node"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
