package io.castiel.dashboard.web;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.dashboard.Dashboard;
import io.castiel.dashboard.DashboardService;
import io.castiel.platform.ETags;
import io.castiel.platform.ApiException;
import io.castiel.platform.IdempotentRequests;
import io.castiel.platform.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/dashboards} and {@code /api/v1/me/default-dashboard}. Bodies are read as JSON
 * trees so that every problem of a definition comes back in one 422 with its pointer.
 */
@RestController
class DashboardController {

    /** The caller's default dashboard: null when none is set or it can no longer see it. */
    record DefaultDashboard(UUID dashboardId) {
    }

    private final DashboardService dashboards;
    private final IdempotentRequests idempotency;

    DashboardController(DashboardService dashboards, IdempotentRequests idempotency) {
        this.dashboards = dashboards;
        this.idempotency = idempotency;
    }

    @Operation(summary = "The dashboards the caller may see, by id: its own, the tenant's, those shared with its roles (admins: all)")
    @GetMapping("/api/v1/dashboards")
    Page<Dashboard> list(@RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String cursor) {
        return dashboards.list(limit, cursor);
    }

    @Operation(summary = "Create a dashboard {name, description?, visibility: private|tenant|roles, roles?, layout, widgets}; "
            + "the caller owns it. Sharing (tenant, roles) needs the member role")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Dashboard.class)))
    @PostMapping("/api/v1/dashboards")
    ResponseEntity<?> create(@RequestBody JsonNode body,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        return idempotency.run(idempotencyKey, "POST /dashboards", body, () -> created(dashboards.create(body)));
    }

    @Operation(summary = "One dashboard, with its revision as ETag; 404 when unknown, foreign or not visible to the caller")
    @GetMapping("/api/v1/dashboards/{id}")
    ResponseEntity<Dashboard> get(@PathVariable UUID id) {
        Dashboard dashboard = dashboards.get(id);
        return ResponseEntity.ok().eTag(ETags.of(dashboard.revision())).body(dashboard);
    }

    @Operation(summary = "JSON merge patch of name, description, visibility, roles, layout, widgets (owner or admin); "
            + "If-Match with a stale ETag is 412")
    @PatchMapping(path = "/api/v1/dashboards/{id}", consumes = {"application/merge-patch+json", "application/json"})
    ResponseEntity<Dashboard> patch(@PathVariable UUID id, @RequestBody JsonNode patch,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Dashboard dashboard = dashboards.patch(id, patch, ETags.expectedRevision(ifMatch));
        return ResponseEntity.ok().eTag(ETags.of(dashboard.revision())).body(dashboard);
    }

    @Operation(summary = "Delete a dashboard (owner or admin); If-Match with a stale ETag is 412")
    @ApiResponse(responseCode = "204")
    @DeleteMapping("/api/v1/dashboards/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        dashboards.delete(id, ETags.expectedRevision(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Copy a dashboard the caller may see: a new private dashboard of the caller named \"<name> (copy)\"")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Dashboard.class)))
    @PostMapping("/api/v1/dashboards/{id}/duplicate")
    ResponseEntity<?> duplicate(@PathVariable UUID id,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        return idempotency.run(idempotencyKey, "POST /dashboards/" + id + "/duplicate", null, () -> created(dashboards.duplicate(id)));
    }

    @Operation(summary = "The caller's default dashboard {dashboardId} (null when none is set or it is no longer visible)")
    @GetMapping("/api/v1/me/default-dashboard")
    DefaultDashboard defaultDashboard() {
        return new DefaultDashboard(dashboards.defaultDashboard());
    }

    @Operation(summary = "Set the caller's default dashboard {dashboardId}, one it may see; {dashboardId: null} clears it")
    @PutMapping("/api/v1/me/default-dashboard")
    DefaultDashboard setDefaultDashboard(@RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The body must be {\"dashboardId\": \"...\"}");
        }
        JsonNode id = body.get("dashboardId");
        UUID dashboardId = null;
        if (id != null && !id.isNull()) {
            try {
                dashboardId = UUID.fromString(id.isString() ? id.asString() : "");
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("dashboardId must be a dashboard's id or null", "/dashboardId");
            }
        }
        return new DefaultDashboard(dashboards.setDefaultDashboard(dashboardId));
    }

    private static ResponseEntity<Dashboard> created(Dashboard dashboard) {
        return ResponseEntity.created(URI.create("/api/v1/dashboards/" + dashboard.id())).eTag(ETags.of(dashboard.revision())).body(dashboard);
    }
}
