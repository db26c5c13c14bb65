package io.castiel.platform.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Job bookkeeping ({@code castiel.jobs.*}).
 *
 * @param keepRuns how many of its latest runs are kept per job in {@code job_runs}
 */
@ConfigurationProperties("castiel.jobs")
record JobProperties(Integer keepRuns) {

    JobProperties {
        keepRuns = keepRuns == null ? 50 : keepRuns;
        if (keepRuns < 1) {
            throw new IllegalArgumentException("castiel.jobs.keep-runs must be at least 1");
        }
    }
}
