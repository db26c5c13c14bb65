package io.castiel.shard.web;

import java.net.URI;
import java.util.List;
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

import io.castiel.platform.ETags;
import io.castiel.platform.ApiException;
import io.castiel.platform.IdempotentRequests;
import io.castiel.platform.JsonProblems;
import io.castiel.platform.Page;
import io.castiel.shard.BulkResult;
import io.castiel.shard.NewShard;
import io.castiel.shard.Shard;
import io.castiel.shard.ShardQuery;
import io.castiel.shard.ShardRevision;
import io.castiel.shard.ShardService;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/v1/shards}: shards, bulk create and revisions. */
@RestController
@RequestMapping("/api/v1/shards")
class ShardController {

    /** The bulk body; items stay raw so that one malformed item fails alone. */
    record BulkRequest(List<JsonNode> items) {
    }

    record BulkResponse(List<BulkResult> results) {
    }

    private final ShardService shards;
    private final IdempotentRequests idempotency;
    private final JsonMapper json;

    ShardController(ShardService shards, IdempotentRequests idempotency, JsonMapper json) {
        this.shards = shards;
        this.idempotency = idempotency;
        this.json = json;
    }

    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Shard.class)))
    @PostMapping
    ResponseEntity<?> create(@RequestBody NewShard request,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        return idempotency.run(idempotencyKey, "POST /shards", request, () -> {
            Shard shard = shards.create(request);
            return ResponseEntity.created(URI.create("/api/v1/shards/" + shard.id())).eTag(ETags.of(shard.revision())).body(shard);
        });
    }

    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BulkResponse.class)))
    @PostMapping("/bulk")
    ResponseEntity<?> bulk(@RequestBody BulkRequest request,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        if (request.items() == null) {
            throw ApiException.badRequest("items is required", "/items");
        }
        return idempotency.run(idempotencyKey, "POST /shards/bulk", request,
                () -> ResponseEntity.ok(new BulkResponse(shards.createAll(request.items(), this::readItem))));
    }

    @GetMapping("/{id}")
    ResponseEntity<Shard> get(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean includeDeleted) {
        Shard shard = shards.get(id, includeDeleted);
        return ResponseEntity.ok().eTag(ETags.of(shard.revision())).body(shard);
    }

    @PatchMapping(path = "/{id}", consumes = {"application/merge-patch+json", "application/json"})
    ResponseEntity<Shard> patch(@PathVariable UUID id, @RequestBody JsonNode patch,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Shard shard = shards.patch(id, patch, ETags.expectedRevision(ifMatch));
        return ResponseEntity.ok().eTag(ETags.of(shard.revision())).body(shard);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean permanent,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        shards.delete(id, permanent, ETags.expectedRevision(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/restore")
    ResponseEntity<Shard> restore(@PathVariable UUID id) {
        Shard shard = shards.restore(id);
        return ResponseEntity.ok().eTag(ETags.of(shard.revision())).body(shard);
    }

    /**
     * {@code where} is read raw from the request: bound as a list, a single value would be split
     * at its commas ({@code where=name:eq:Smith, Jones & Co}).
     */
    @GetMapping
    @Parameter(name = "where", in = ParameterIn.QUERY, description = "field:op:value filters on structuredData, ANDed; "
            + "op is one of eq, ne, gt, gte, lt, lte, in (a|b|c), contains, exists",
            array = @ArraySchema(schema = @Schema(type = "string")))
    Page<Shard> list(@RequestParam(required = false) String type, @RequestParam(required = false) String status,
            @RequestParam(required = false) String tag, @RequestParam(required = false) String q,
            @RequestParam(required = false) String sort, @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) String cursor, HttpServletRequest request) {
        String[] where = request.getParameterValues("where");
        return shards.list(new ShardQuery(type, status, tag, q, where == null ? List.of() : List.of(where), sort, limit, cursor));
    }

    @GetMapping("/{id}/revisions")
    Page<ShardRevision> revisions(@PathVariable UUID id, @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) String cursor) {
        return shards.revisions(id, limit, cursor);
    }

    @GetMapping("/{id}/revisions/{revision}")
    ShardRevision revision(@PathVariable UUID id, @PathVariable int revision) {
        return shards.revision(id, revision);
    }

    @PostMapping("/{id}/revisions/{revision}/revert")
    ResponseEntity<Shard> revert(@PathVariable UUID id, @PathVariable int revision,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Shard shard = shards.revert(id, revision, ETags.expectedRevision(ifMatch));
        return ResponseEntity.ok().eTag(ETags.of(shard.revision())).body(shard);
    }

    private NewShard readItem(JsonNode item) {
        if (item == null || !item.isObject()) {
            throw ApiException.badRequest("Each item must be a shard object");
        }
        try {
            return json.treeToValue(item, NewShard.class);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("The item is not a valid shard: " + JsonProblems.describe(e));
        }
    }

}
