package io.castiel.graphql.internal;

import java.util.Map;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

import io.castiel.platform.ApiException;
import io.castiel.platform.JsonProblems;
import io.castiel.shard.NewShard;
import io.castiel.shard.Relationship;
import io.castiel.shard.RelationshipService;
import io.castiel.shard.Shard;
import io.castiel.shard.ShardService;
import io.castiel.shard.ShardType;
import io.castiel.shard.ShardTypeDefinition;
import io.castiel.shard.ShardTypeService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The writes: each one is the REST call of the same name, through the same service (so the same
 * schema validation, permissions, revision check, audit row and event). Inputs stay maps until
 * the service reads them, so that a field sent as {@code null} (clear it) differs from one left
 * out (keep it), exactly as in a JSON Merge Patch.
 */
@Controller
class ShardMutationController {

    private final ShardService shards;
    private final RelationshipService relationships;
    private final ShardTypeService types;
    private final JsonMapper json;

    ShardMutationController(ShardService shards, RelationshipService relationships, ShardTypeService types, JsonMapper json) {
        this.shards = shards;
        this.relationships = relationships;
        this.types = types;
        this.json = json;
    }

    @MutationMapping
    Shard createShard(@Argument Map<String, Object> input) {
        return shards.create(read(input, NewShard.class));
    }

    /** A stale {@code expectedRevision} is REST's 412, here a CONFLICT error. */
    @MutationMapping
    Shard updateShard(@Argument String id, @Argument Map<String, Object> patch, @Argument Integer expectedRevision) {
        ObjectNode mergePatch = json.valueToTree(patch);
        return shards.patch(Arguments.uuid(id, "id"), mergePatch, expectedRevision);
    }

    @MutationMapping
    boolean deleteShard(@Argument String id, @Argument Boolean permanent, @Argument Integer expectedRevision) {
        shards.delete(Arguments.uuid(id, "id"), Boolean.TRUE.equals(permanent), expectedRevision);
        return true;
    }

    @MutationMapping
    Shard restoreShard(@Argument String id) {
        return shards.restore(Arguments.uuid(id, "id"));
    }

    @MutationMapping
    Relationship createRelationship(@Argument Map<String, Object> input) {
        JsonNode properties = input.get("properties") == null ? null : json.valueToTree(input.get("properties"));
        return relationships.create(new RelationshipService.NewRelationship(Arguments.uuid((String) input.get("sourceId"), "sourceId"),
                Arguments.uuid((String) input.get("targetId"), "targetId"), (String) input.get("type"), properties));
    }

    @MutationMapping
    boolean deleteRelationship(@Argument String id) {
        relationships.delete(Arguments.uuid(id, "id"));
        return true;
    }

    @MutationMapping
    ShardType createShardType(@Argument Map<String, Object> input) {
        return types.create(read(input, ShardTypeDefinition.class));
    }

    @MutationMapping
    ShardType updateShardType(@Argument String name, @Argument Map<String, Object> input, @Argument Boolean force) {
        return types.update(name, read(input, ShardTypeDefinition.class), Boolean.TRUE.equals(force));
    }

    private <T> T read(Map<String, Object> input, Class<T> type) {
        try {
            return json.treeToValue(json.valueToTree(input), type);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("The input is not valid: " + JsonProblems.describe(e));
        }
    }
}
