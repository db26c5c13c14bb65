package io.castiel.shard;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.platform.DomainEvents;
import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiException;
import io.castiel.platform.Cursors;
import io.castiel.platform.Ids;
import io.castiel.platform.Page;
import io.castiel.platform.PageRequest;
import io.castiel.platform.Role;
import io.castiel.shard.internal.Relationships;
import io.castiel.shard.internal.Shards;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Typed edges between shards of one tenant, and traversal of the graph they form. */
@Service
public class RelationshipService {

    private static final Pattern TYPE = Pattern.compile("^[a-z][a-z0-9_]{1,62}$");
    public static final int MAX_DEPTH = 5;

    /** The body of {@code POST /relationships}. */
    public record NewRelationship(UUID sourceId, UUID targetId, String type, JsonNode properties) {
    }

    private final Relationships relationships;
    private final Shards shards;
    private final ShardAccess access;
    private final ActorContext actors;
    private final AuditLog audit;
    private final Cursors cursors;
    private final Ids ids;
    private final Clock clock;

    private final DomainEvents events;

    RelationshipService(Relationships relationships, Shards shards, ShardAccess access, ActorContext actors, AuditLog audit,
            Cursors cursors, Ids ids, Clock clock, DomainEvents events) {
        this.events = events;
        this.relationships = relationships;
        this.shards = shards;
        this.access = access;
        this.actors = actors;
        this.audit = audit;
        this.cursors = cursors;
        this.ids = ids;
        this.clock = clock;
    }

    @Transactional
    public Relationship create(NewRelationship request) {
        Actor actor = actors.requireRole(Role.MEMBER);
        if (request.sourceId() == null) {
            throw ApiException.badRequest("sourceId is required", "/sourceId");
        }
        if (request.targetId() == null) {
            throw ApiException.badRequest("targetId is required", "/targetId");
        }
        if (request.type() == null || !TYPE.matcher(request.type()).matches()) {
            throw ApiException.badRequest("type must match ^[a-z][a-z0-9_]{1,62}$", "/type");
        }
        JsonNode properties = request.properties() == null || request.properties().isNull()
                ? JsonNodeFactory.instance.objectNode() : request.properties();
        if (!properties.isObject()) {
            throw ApiException.badRequest("properties must be an object", "/properties");
        }
        // A link changes both ends: the actor must be allowed to change each.
        ShardAccess.Rules rules = access.rules(actor);
        Shard source = requireLive(actor, request.sourceId());
        Shard target = requireLive(actor, request.targetId());
        rules.requireRead(source);
        rules.requireRead(target);
        rules.requireWrite(source);
        rules.requireWrite(target);
        Relationship relationship = new Relationship(ids.next(), request.sourceId(), request.targetId(), request.type(), properties,
                actor.userId(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        if (!relationships.insert(actor.tenantId(), relationship)) {
            throw ApiException.conflict("A " + request.type() + " relationship from " + request.sourceId() + " to "
                    + request.targetId() + " already exists");
        }
        audit.record(AuditEntry.of("relationship.created", "relationship", relationship.id(), JsonNodeFactory.instance.objectNode()
                .put("sourceId", relationship.sourceId().toString()).put("targetId", relationship.targetId().toString())
                .put("type", relationship.type())));
        events.publish(h -> new RelationshipCreated(h, relationship));
        return relationship;
    }

    @Transactional
    public void delete(UUID id) {
        Actor actor = actors.requireRole(Role.MEMBER);
        Relationship relationship = relationships.find(actor.tenantId(), id).orElseThrow(() -> ApiException.notFound("Relationship", id));
        // An edge is visible only with both its ends, and removing it changes both.
        ShardAccess.Rules rules = access.rules(actor);
        List<Shard> ends = List.of(shards.find(actor.tenantId(), relationship.sourceId(), false).orElseThrow(),
                shards.find(actor.tenantId(), relationship.targetId(), false).orElseThrow());
        if (!ends.stream().allMatch(rules::canRead)) {
            throw ApiException.notFound("Relationship", id);
        }
        ends.forEach(rules::requireWrite);
        relationships.delete(actor.tenantId(), id);
        audit.record(AuditEntry.of("relationship.deleted", "relationship", id, JsonNodeFactory.instance.objectNode()
                .put("sourceId", relationship.sourceId().toString()).put("targetId", relationship.targetId().toString())
                .put("type", relationship.type())));
        events.publish(h -> new RelationshipDeleted(h, relationship));
    }

    @Transactional(readOnly = true)
    public Page<Relationship> of(UUID shardId, Direction direction, String type, int limit, String cursor) {
        Actor actor = actors.requireRole(Role.VIEWER);
        PageRequest page = PageRequest.of(limit, cursor);
        if (type != null && !TYPE.matcher(type).matches()) {
            throw ApiException.badRequest("type must match ^[a-z][a-z0-9_]{1,62}$", "/type");
        }
        ShardAccess.Rules rules = access.rules(actor);
        rules.requireRead(requireLive(actor, shardId));
        UUID after = null;
        JsonNode position = cursors.position(page);
        if (position != null) {
            if (!shardId.toString().equals(position.path("shard").asString("")) || !position.path("rel").isString()) {
                throw ApiException.badRequest("The cursor belongs to a different list", "/cursor");
            }
            after = UUID.fromString(position.get("rel").asString());
        }
        List<Relationship> rows = relationships.of(actor.tenantId(), shardId, direction, type, after, page.rowsToFetch(),
                rules.readFilter("o"));
        return cursors.page(rows, page, last -> JsonNodeFactory.instance.objectNode().put("shard", shardId.toString())
                .put("rel", last.id().toString()));
    }

    /** At most this many edges (or neighbours) per shard in one batch read. */
    public static final int MAX_PER_SHARD = 500;

    /**
     * The edges of many shards at once (one statement): for each of {@code shardIds} the actor may
     * read, the first {@code perShard} of its edges to live shards it may also read, as
     * {@link #of} pages them. Shards it may not read, unknown or foreign ids get no entry.
     */
    @Transactional(readOnly = true)
    public Map<UUID, List<Relationship>> ofAll(Collection<UUID> shardIds, Direction direction, String type, int perShard) {
        Actor actor = actors.requireRole(Role.VIEWER);
        checkBatch(type, perShard);
        ShardAccess.Rules rules = access.rules(actor);
        return relationships.ofAll(actor.tenantId(), shardIds, direction, type, perShard, rules.readFilter("a"), rules.readFilter("s"));
    }

    /**
     * The shards linked to many shards at once (one statement): for each of {@code shardIds} the
     * actor may read, the distinct live shards it may read at the other end of its edges in
     * {@code direction}, optionally of one relationship type, the first {@code perShard} by id.
     */
    @Transactional(readOnly = true)
    public Map<UUID, List<Shard>> relatedOfAll(Collection<UUID> shardIds, Direction direction, String type, int perShard) {
        Actor actor = actors.requireRole(Role.VIEWER);
        checkBatch(type, perShard);
        ShardAccess.Rules rules = access.rules(actor);
        return relationships.neighboursOfAll(actor.tenantId(), shardIds, direction, type, perShard, rules.readFilter("a"),
                rules.readFilter("s"));
    }

    private static void checkBatch(String type, int perShard) {
        if (perShard < 1 || perShard > MAX_PER_SHARD) {
            throw ApiException.badRequest("first must be between 1 and " + MAX_PER_SHARD, "/first");
        }
        if (type != null && !TYPE.matcher(type).matches()) {
            throw ApiException.badRequest("type must match ^[a-z][a-z0-9_]{1,62}$", "/type");
        }
    }

    @Transactional(readOnly = true)
    public Graph graph(UUID shardId, int depth, Direction direction, List<String> types) {
        Actor actor = actors.requireRole(Role.VIEWER);
        if (depth < 1 || depth > MAX_DEPTH) {
            throw ApiException.badRequest("depth must be between 1 and " + MAX_DEPTH, "/depth");
        }
        if (types != null) {
            if (types.size() > 50) {
                throw ApiException.badRequest("At most 50 types", "/types");
            }
            for (String type : types) {
                if (!TYPE.matcher(type).matches()) {
                    throw ApiException.badRequest("types must be relationship types", "/types");
                }
            }
        }
        ShardAccess.Rules rules = access.rules(actor);
        rules.requireRead(requireLive(actor, shardId));
        return relationships.walk(actor.tenantId(), shardId, depth, direction, types, rules.readFilter("n"));
    }

    private Shard requireLive(Actor actor, UUID shardId) {
        return shards.find(actor.tenantId(), shardId, false)
                .filter(s -> !s.status().equals("deleted"))
                .orElseThrow(() -> ApiException.notFound("Shard", shardId));
    }
}
