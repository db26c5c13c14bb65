package io.castiel.analytics.web;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.analytics.MetricDefinition;
import io.castiel.analytics.MetricDefinitionService;
import io.castiel.analytics.MetricValue;
import io.castiel.analytics.NewMetricDefinition;
import io.castiel.platform.IdempotentRequests;
import io.castiel.platform.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/metrics-definitions}: saved KPIs and their values. */
@RestController
@RequestMapping("/api/v1/metrics-definitions")
class MetricDefinitionController {

    private final MetricDefinitionService metrics;
    private final IdempotentRequests idempotency;

    MetricDefinitionController(MetricDefinitionService metrics, IdempotentRequests idempotency) {
        this.metrics = metrics;
        this.idempotency = idempotency;
    }

    @Operation(summary = "The tenant's metric definitions, oldest first")
    @GetMapping
    Page<MetricDefinition> list(@RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String cursor) {
        return metrics.list(limit, cursor);
    }

    @Operation(summary = "Save a metric (members and up)",
            description = "Body {name (^[a-z][a-z0-9_]{1,62}$, unique), displayName, query (the body of POST /analytics/query with one "
                    + "measure and no groupBy), format? (number, percent, currency:EUR), period? ({field, last})}. A period's field is a "
                    + "date or date-time field of the type, createdAt or updatedAt; last is an ISO 8601 length (P7D, P2W, P1M, P1Y). The "
                    + "current period is the last `last` up to and including today, whole days in the query's timezone; the previous "
                    + "period is as long and ends where the current one starts. 409 when the name is taken.")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = MetricDefinition.class)))
    @PostMapping
    ResponseEntity<?> create(@RequestBody NewMetricDefinition request,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        return idempotency.run(idempotencyKey, "POST /metrics-definitions", request, () -> {
            MetricDefinition metric = metrics.create(request);
            return ResponseEntity.created(URI.create("/api/v1/metrics-definitions/" + metric.id())).body(metric);
        });
    }

    @Operation(summary = "One metric definition")
    @GetMapping("/{id}")
    MetricDefinition get(@PathVariable UUID id) {
        return metrics.get(id);
    }

    @Operation(summary = "Change a metric definition (members and up)",
            description = "The fields given (name, displayName, query, format, period) replace the stored ones whole; null clears format or period")
    @PatchMapping(path = "/{id}", consumes = {"application/merge-patch+json", "application/json"})
    MetricDefinition patch(@PathVariable UUID id, @RequestBody JsonNode patch) {
        return metrics.update(id, patch);
    }

    @Operation(summary = "Delete a metric definition (members and up)")
    @ApiResponse(responseCode = "204")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        metrics.delete(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "A metric's value over its current period",
            description = "Computed over the shards the caller may read. The period is the last `period.last` up to and including today "
                    + "in the query's time zone; with compareTo=previousPeriod also the value over the period of the same length before, "
                    + "and change = (value - previous) / |previous|.")
    @GetMapping("/{id}/value")
    MetricValue value(@PathVariable UUID id,
            @Parameter(description = "previousPeriod to compare with the period before") @RequestParam(required = false) String compareTo) {
        return metrics.value(id, compareTo);
    }
}
