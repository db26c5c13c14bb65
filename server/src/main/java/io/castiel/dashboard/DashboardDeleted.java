package io.castiel.dashboard;

import io.castiel.platform.EventHeader;

/** A dashboard was deleted (API.md: {@code dashboard.deleted}). */
public record DashboardDeleted(EventHeader header, Dashboard dashboard) implements DashboardEvent {

    public static final String TYPE = "dashboard.deleted";

    @Override
    public String type() {
        return TYPE;
    }
}
