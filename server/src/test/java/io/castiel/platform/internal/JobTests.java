package io.castiel.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.castiel.platform.Jobs;
import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestJobs;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/** One-off jobs run once; every run is recorded and GET /jobs shows admins the last and next runs. */
class JobTests extends CastielTest {

    @Autowired
    Jobs jobs;

    @Autowired
    SchedulerConfiguration.SchedulerLifecycle scheduler;

    @Autowired
    TestJobs.Recorder recorder;

    @Autowired
    JobRuns runs;

    @Test
    void aOneOffJobRunsOnceWithItsPayloadForTheTenantThatScheduledIt() {
        TestTenant tenant = newTenant();
        String instance = "once-" + UUID.randomUUID();

        boolean scheduled = tenants.inTenant(tenant.id(),
                () -> jobs.schedule(TestJobs.RECORDING, instance, Instant.now(), Api.object().put("answer", 42)));
        boolean again = tenants.inTenant(tenant.id(),
                () -> jobs.schedule(TestJobs.RECORDING, instance, Instant.now().plusSeconds(3600), Api.object()));
        await(() -> !recorder.runs(instance).isEmpty());
        scheduler.scheduler().triggerCheckForDueExecutions();
        await(() -> pendingInstances(tenant.id(), TestJobs.RECORDING) == 0);

        assertThat(scheduled).isTrue();
        assertThat(again).as("a pending instance is not scheduled twice").isFalse();
        assertThat(recorder.runs(instance)).singleElement().satisfies(run -> {
            assertThat(run.tenantId()).isEqualTo(tenant.id());
            assertThat(run.payload().get("answer").asInt()).isEqualTo(42);
        });
        assertThat(jdbc.sql("select outcome from job_runs where job_name = ? and instance_id = ?")
                .params(TestJobs.RECORDING, instance).query(String.class).list()).containsExactly("succeeded");
    }

    @Test
    void aOneOffJobScheduledForLaterWaitsForItsTime() {
        String instance = "later-" + UUID.randomUUID();

        jobs.schedule(TestJobs.RECORDING, instance, Instant.now().plusSeconds(3600), Api.object());
        scheduler.scheduler().triggerCheckForDueExecutions();

        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = ? and task_instance = ?")
                .params(TestJobs.RECORDING, "-/" + instance).query(Integer.class).single()).isEqualTo(1);
        assertThat(recorder.runs(instance)).isEmpty();
    }

    @Test
    void jobsShowLastRunNextRunAndLastErrorToAdmins() {
        TestTenant tenant = newTenant();
        TestTenant other = newTenant();
        String instance = "fails-" + UUID.randomUUID();
        tenants.inTenant(tenant.id(), () -> jobs.schedule(TestJobs.FAILING, instance, Instant.now(),
                Api.object().put("message", "the remote system said no")));
        scheduler.scheduler().triggerCheckForDueExecutions();
        await(() -> finishedRuns(TestJobs.FAILING, instance) > 0);
        Instant before = Instant.now();
        scheduler.runNow("purge-idempotency-keys");
        await(() -> jdbc.sql("select count(*) from job_runs where job_name = 'purge-idempotency-keys' and started_at >= ? and outcome <> 'running'")
                .param(java.sql.Timestamp.from(before.minusSeconds(1))).query(Integer.class).single() > 0);

        JsonNode list = tenant.api().get("jobs").json();
        JsonNode failing = job(list, TestJobs.FAILING);
        JsonNode purge = job(list, "purge-idempotency-keys");

        assertThat(failing.get("kind").asString()).isEqualTo("one-off");
        assertThat(failing.get("lastOutcome").asString()).isEqualTo("failed");
        assertThat(failing.get("lastError").asString()).isEqualTo("IllegalStateException: the remote system said no");
        assertThat(failing.get("pending").asInt()).as("retried later").isEqualTo(1);
        assertThat(Instant.parse(failing.get("nextRunAt").asString())).isAfter(Instant.now().plusSeconds(60));
        assertThat(purge.get("kind").asString()).isEqualTo("recurring");
        assertThat(purge.get("interval").asString()).isEqualTo("PT1H");
        assertThat(purge.get("lastOutcome").asString()).isEqualTo("succeeded");
        assertThat(purge.has("lastError")).isFalse();
        assertThat(Instant.parse(purge.get("lastRunAt").asString())).isAfter(before.minusSeconds(1));
        assertThat(Instant.parse(purge.get("nextRunAt").asString())).isAfter(Instant.now().plusSeconds(3000));
        assertThat(purge.get("running").asBoolean()).isFalse();
        assertThat(names(list)).contains("audit-retention", "purge-sessions", "purge-sign-in-secrets", "purge-event-publications",
                "resubmit-failed-events");
        assertThat(names(other.api().get("jobs").json())).as("another tenant's one-off jobs stay hidden")
                .doesNotContain(TestJobs.FAILING).contains("purge-idempotency-keys");
    }

    @Test
    void onlyAdminsSeeJobs() {
        TestTenant tenant = newTenant();

        assertThat(addUser(tenant, "member").api().get("jobs").status()).isEqualTo(403);
        assertThat(addUser(tenant, "admin").api().get("jobs").status()).isEqualTo(200);
        assertThat(anonymous.get("jobs").status()).isEqualTo(401);
    }

    @Test
    void onlyTheLatestRunsOfAJobAreKept() {
        String job = "keep-test-" + UUID.randomUUID();
        for (int i = 0; i < 55; i++) {
            runs.record(job, "i" + i, null, () -> {
            });
        }

        assertThat(jdbc.sql("select count(*) from job_runs where job_name = ?").param(job).query(Integer.class).single()).isEqualTo(50);
        assertThat(jdbc.sql("select count(*) from job_runs where job_name = ? and instance_id = 'i54'").param(job).query(Integer.class)
                .single()).isEqualTo(1);
    }

    @Test
    void aFailedRunIsRecordedWithItsTruncatedErrorAndStillFails() {
        String job = "error-test-" + UUID.randomUUID();
        String huge = "x".repeat(5_000);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runs.record(job, "one", null, () -> {
            throw new IllegalArgumentException(huge);
        })).isInstanceOf(IllegalArgumentException.class);

        String error = jdbc.sql("select error from job_runs where job_name = ?").param(job).query(String.class).single();
        assertThat(error).startsWith("IllegalArgumentException: xxx").hasSize(JobRuns.MAX_ERROR);
    }

    private static JsonNode job(JsonNode list, String name) {
        for (JsonNode item : list.get("items")) {
            if (item.get("name").asString().equals(name)) {
                return item;
            }
        }
        throw new AssertionError(name + " not in " + list);
    }

    private static java.util.List<String> names(JsonNode list) {
        java.util.List<String> names = new java.util.ArrayList<>();
        list.get("items").forEach(item -> names.add(item.get("name").asString()));
        return names;
    }

    private int finishedRuns(String job, String instance) {
        return jdbc.sql("select count(*) from job_runs where job_name = ? and instance_id = ? and outcome <> 'running'")
                .params(job, instance).query(Integer.class).single();
    }

    private int pendingInstances(UUID tenantId, String job) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = ? and task_instance like ? || '%'")
                .params(job, tenantId + "/").query(Integer.class).single();
    }

    private static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
