package io.castiel.platform.internal;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.castiel.platform.Ids;

/**
 * Records every job run in {@code job_runs}: a row when it starts, completed with its outcome and
 * (truncated) error when it ends, so {@code GET /jobs} shows running, last and failed runs. Each
 * statement commits on its own (no surrounding transaction), so the record of a failed run is
 * kept even though the job's own transaction rolled back. Only the latest runs of each job are kept.
 */
@Component
@EnableConfigurationProperties(JobProperties.class)
class JobRuns {

    static final int MAX_ERROR = 1_000;

    private final JdbcClient jdbc;
    private final Ids ids;
    private final Clock clock;
    private final JobProperties properties;
    private final String node;

    JobRuns(JdbcClient jdbc, Ids ids, Clock clock, JobProperties properties) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.properties = properties;
        this.node = nodeName();
    }

    /** This process, as job runs and the scheduler name it: host and process id. */
    String node() {
        return node;
    }

    /** Runs {@code work} as one recorded run; its failure is recorded and rethrown (so the scheduler sees it too). */
    void record(String job, String instanceId, UUID tenantId, Runnable work) {
        UUID run = started(job, instanceId, tenantId);
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            finished(run, job, e);
            throw e;
        }
        finished(run, job, null);
    }

    UUID started(String job, String instanceId, UUID tenantId) {
        UUID id = ids.next();
        jdbc.sql("""
                insert into job_runs (id, job_name, instance_id, tenant_id, node, started_at, outcome)
                values (?, ?, ?, ?, ?, ?, 'running')""")
                .params(id, job, instanceId, tenantId, node, Timestamp.from(clock.instant())).update();
        return id;
    }

    void finished(UUID run, String job, Throwable error) {
        jdbc.sql("update job_runs set finished_at = ?, outcome = ?, error = ? where id = ?")
                .params(Timestamp.from(clock.instant()), error == null ? "succeeded" : "failed", describe(error), run).update();
        jdbc.sql("""
                delete from job_runs where job_name = ? and id not in (
                    select id from job_runs where job_name = ? order by started_at desc, id desc limit ?)""")
                .params(job, job, properties.keepRuns()).update();
    }

    static String describe(Throwable error) {
        if (error == null) {
            return null;
        }
        String text = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
    }

    private static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
