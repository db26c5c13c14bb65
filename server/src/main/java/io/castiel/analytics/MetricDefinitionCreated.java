package io.castiel.analytics;

import io.castiel.platform.EventHeader;

/** A metric definition was created ({@code metric.created}). */
public record MetricDefinitionCreated(EventHeader header, MetricDefinition metric) implements MetricDefinitionEvent {

    public static final String TYPE = "metric.created";

    @Override
    public String type() {
        return TYPE;
    }
}
