package io.castiel.analytics;

import io.castiel.platform.DomainEvent;

/** A change to one of a tenant's metric definitions. */
public sealed interface MetricDefinitionEvent extends DomainEvent
        permits MetricDefinitionCreated, MetricDefinitionUpdated, MetricDefinitionDeleted {

    MetricDefinition metric();

    @Override
    default Object data() {
        return metric();
    }
}
