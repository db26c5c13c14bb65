package io.castiel.platform;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/** Schedules one-off jobs (run once, cluster-wide, at or after a time) for {@link OneOffJob} handlers. */
public interface Jobs {

    /**
     * Schedules instance {@code instanceId} of the job {@code name} to run at {@code at} with
     * {@code payload}, on behalf of the current tenant when there is one. An instance that is
     * already scheduled and has not run yet is left as it is.
     *
     * @return whether it was scheduled (false: that instance was already pending)
     * @throws IllegalArgumentException when no {@link OneOffJob} bean has that name
     */
    boolean schedule(String name, String instanceId, Instant at, JsonNode payload);
}
