package io.castiel.analytics;

import io.castiel.platform.EventHeader;

/** A metric definition was deleted ({@code metric.deleted}). */
public record MetricDefinitionDeleted(EventHeader header, MetricDefinition metric) implements MetricDefinitionEvent {

    public static final String TYPE = "metric.deleted";

    @Override
    public String type() {
        return TYPE;
    }
}
