package io.castiel.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;

/**
 * One widget of a dashboard. {@code query} is an analytics query object ({@code POST /analytics/query}'s
 * body), {@code metricId} a metric definition's id; data widgets have one of them, {@code text} neither.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Widget(String id, String kind, String title, JsonNode query, String metricId, JsonNode options) {
}
