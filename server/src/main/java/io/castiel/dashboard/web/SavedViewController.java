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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.dashboard.SavedView;
import io.castiel.dashboard.SavedViewService;
import io.castiel.platform.ETags;
import io.castiel.platform.IdempotentRequests;
import io.castiel.platform.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/saved-views}: the web app's saved shard lists, with ETags as for shards. */
@RestController
@RequestMapping("/api/v1/saved-views")
class SavedViewController {

    private final SavedViewService views;
    private final IdempotentRequests idempotency;

    SavedViewController(SavedViewService views, IdempotentRequests idempotency) {
        this.views = views;
        this.idempotency = idempotency;
    }

    @Operation(summary = "The saved views the caller may see (its own and the tenant-shared ones; admins: all), optionally of one shard type")
    @GetMapping
    Page<SavedView> list(@RequestParam(required = false) String shardType, @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) String cursor) {
        return views.list(shardType, limit, cursor);
    }

    @Operation(summary = "Save a view {name, shardType, where, sort, columns, visibility: private|tenant}; where and sort as GET /shards takes them")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = SavedView.class)))
    @PostMapping
    ResponseEntity<?> create(@RequestBody JsonNode body,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        return idempotency.run(idempotencyKey, "POST /saved-views", body, () -> {
            SavedView view = views.create(body);
            return ResponseEntity.created(URI.create("/api/v1/saved-views/" + view.id())).eTag(ETags.of(view.revision())).body(view);
        });
    }

    @Operation(summary = "One saved view, with its revision as ETag")
    @GetMapping("/{id}")
    ResponseEntity<SavedView> get(@PathVariable UUID id) {
        SavedView view = views.get(id);
        return ResponseEntity.ok().eTag(ETags.of(view.revision())).body(view);
    }

    @Operation(summary = "JSON merge patch of a saved view (owner or admin); If-Match with a stale ETag is 412")
    @PatchMapping(path = "/{id}", consumes = {"application/merge-patch+json", "application/json"})
    ResponseEntity<SavedView> patch(@PathVariable UUID id, @RequestBody JsonNode patch,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        SavedView view = views.patch(id, patch, ETags.expectedRevision(ifMatch));
        return ResponseEntity.ok().eTag(ETags.of(view.revision())).body(view);
    }

    @Operation(summary = "Delete a saved view (owner or admin); If-Match with a stale ETag is 412")
    @ApiResponse(responseCode = "204")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        views.delete(id, ETags.expectedRevision(ifMatch));
        return ResponseEntity.noContent().build();
    }
}
