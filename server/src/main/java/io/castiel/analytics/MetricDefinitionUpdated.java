package io.castiel.analytics;

import io.castiel.platform.EventHeader;

/** A metric definition changed ({@code metric.updated}); {@code before} is how it was. */
public record MetricDefinitionUpdated(EventHeader header, MetricDefinition metric, MetricDefinition before) implements MetricDefinitionEvent {

    public static final String TYPE = "metric.updated";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object previous() {
        return before;
    }
}
