package io.castiel.dashboard;

import io.castiel.platform.EventHeader;

/** A dashboard was created (API.md: {@code dashboard.created}). */
public record DashboardCreated(EventHeader header, Dashboard dashboard) implements DashboardEvent {

    public static final String TYPE = "dashboard.created";

    @Override
    public String type() {
        return TYPE;
    }
}
