package io.castiel.shard.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.platform.IdempotentRequests;
import io.castiel.platform.Page;
import io.castiel.shard.Direction;
import io.castiel.shard.Graph;
import io.castiel.shard.Relationship;
import io.castiel.shard.RelationshipService;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** {@code /api/v1/relationships} and a shard's edges and graph. */
@RestController
@RequestMapping("/api/v1")
class RelationshipController {

    private final RelationshipService relationships;
    private final IdempotentRequests idempotency;

    RelationshipController(RelationshipService relationships, IdempotentRequests idempotency) {
        this.relationships = relationships;
        this.idempotency = idempotency;
    }

    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Relationship.class)))
    @PostMapping("/relationships")
    ResponseEntity<?> create(@RequestBody RelationshipService.NewRelationship request,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        return idempotency.run(idempotencyKey, "POST /relationships", request, () -> {
            Relationship relationship = relationships.create(request);
            return ResponseEntity.created(URI.create("/api/v1/relationships/" + relationship.id())).body(relationship);
        });
    }

    @DeleteMapping("/relationships/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        relationships.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/shards/{id}/relationships")
    Page<Relationship> of(@PathVariable UUID id, @RequestParam(required = false) String direction,
            @RequestParam(required = false) String type, @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) String cursor) {
        return relationships.of(id, Direction.parse(direction, Direction.BOTH), type, limit, cursor);
    }

    @GetMapping("/shards/{id}/graph")
    Graph graph(@PathVariable UUID id, @RequestParam(defaultValue = "2") int depth, @RequestParam(required = false) List<String> types,
            @RequestParam(required = false) String direction) {
        return relationships.graph(id, depth, Direction.parse(direction, Direction.BOTH), types);
    }
}
