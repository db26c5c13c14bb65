package io.castiel.shard.web;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.platform.IdempotentRequests;
import io.castiel.shard.ShardType;
import io.castiel.shard.ShardTypeDefinition;
import io.castiel.shard.ShardTypeService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/shard-types}. */
@RestController
@RequestMapping("/api/v1/shard-types")
class ShardTypeController {

    record ShardTypeList(List<ShardType> items) {
    }

    private final ShardTypeService types;
    private final IdempotentRequests idempotency;

    ShardTypeController(ShardTypeService types, IdempotentRequests idempotency) {
        this.types = types;
        this.idempotency = idempotency;
    }

    @Operation(summary = "Create a shard type", description = "embed: false says that the type's shards are not embedded for "
            + "semantic search (embeddingStatus none, no vectors; keyword search and lists are unaffected); default true. "
            + "It applies to the type's own shards, not its child types'. indexedFields (at most 8 JSON pointers to string, number, "
            + "boolean, date or date-time fields) get an index each, built in the background within seconds to minutes: lists "
            + "filtered on them read only the matching shards.")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ShardType.class)))
    @PostMapping
    ResponseEntity<?> create(@RequestBody ShardTypeDefinition definition,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
        return idempotency.run(idempotencyKey, "POST /shard-types", definition, () -> {
            ShardType type = types.create(definition);
            return ResponseEntity.created(URI.create("/api/v1/shard-types/" + type.name())).body(type);
        });
    }

    @GetMapping
    ShardTypeList list() {
        return new ShardTypeList(types.list());
    }

    @GetMapping("/{name}")
    ShardType get(@PathVariable String name) {
        return types.get(name);
    }

    @Operation(summary = "Replace a shard type's definition", description = "embed left out keeps the type's current setting. "
            + "Changing it to false drops the vectors of the type's shards; back to true queues them to be embedded. indexedFields "
            + "left out keeps the current ones; a field taken out of the list has its index dropped.")
    @PutMapping("/{name}")
    ShardType update(@PathVariable String name, @RequestBody ShardTypeDefinition definition,
            @RequestParam(defaultValue = "false") boolean force) {
        return types.update(name, definition, force);
    }

    /** What members and viewers may do with shards of the type; also for system types, which are otherwise read-only. */
    @PutMapping("/{name}/permissions")
    ShardType setPermissions(@PathVariable String name, @RequestBody JsonNode permissions) {
        return types.setPermissions(name, permissions);
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) {
        types.delete(name);
        return ResponseEntity.noContent().build();
    }
}
