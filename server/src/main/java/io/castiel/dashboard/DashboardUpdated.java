package io.castiel.dashboard;

import io.castiel.platform.EventHeader;

/** A dashboard's definition changed (API.md: {@code dashboard.updated}). */
public record DashboardUpdated(EventHeader header, Dashboard dashboard, Dashboard before) implements DashboardEvent {

    public static final String TYPE = "dashboard.updated";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object previous() {
        return before;
    }
}
