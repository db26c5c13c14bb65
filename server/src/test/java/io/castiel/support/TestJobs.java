package io.castiel.support;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import io.castiel.platform.OneOffJob;
import tools.jackson.databind.JsonNode;

/**
 * One-off job handlers for the job tests, registered in the shared test context: one records
 * each run, the other always fails with the message of its payload.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestJobs {

    public static final String RECORDING = "test-recording";
    public static final String FAILING = "test-failing";

    /** One run of the recording job. */
    public record Run(String instanceId, UUID tenantId, JsonNode payload) {
    }

    /** The recording job's runs. */
    public static final class Recorder implements OneOffJob {

        private final List<Run> runs = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return RECORDING;
        }

        @Override
        public void run(String instanceId, UUID tenantId, JsonNode payload) {
            runs.add(new Run(instanceId, tenantId, payload));
        }

        public List<Run> runs(String instanceId) {
            return runs.stream().filter(run -> run.instanceId().equals(instanceId)).toList();
        }
    }

    @Bean
    Recorder recordingJob() {
        return new Recorder();
    }

    @Bean
    OneOffJob failingJob() {
        return new OneOffJob() {
            @Override
            public String name() {
                return FAILING;
            }

            @Override
            public void run(String instanceId, UUID tenantId, JsonNode payload) {
                throw new IllegalStateException(payload.get("message").asString());
            }
        };
    }
}
