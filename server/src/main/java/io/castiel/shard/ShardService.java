package io.castiel.shard;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiException.FieldError;
import io.castiel.platform.ApiException;
import io.castiel.platform.Cursors;
import io.castiel.platform.DomainEvents;
import io.castiel.platform.Ids;
import io.castiel.platform.Page;
import io.castiel.platform.PageRequest;
import io.castiel.platform.Role;
import io.castiel.shard.internal.MergePatch;
import io.castiel.shard.internal.ShardColumns;
import io.castiel.shard.internal.ShardLists;
import io.castiel.shard.internal.Shards;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creating, reading, changing and listing shards. Each write validates against the type's
 * effective schema, bumps the revision (checked against If-Match), stores the revision and
 * appends the audit row, all in one transaction.
 */
@Service
public class ShardService {

    public static final int MAX_BULK = 1_000;

    private final Shards shards;
    private final ShardLists lists;
    private final ShardAccess access;
    private final ShardValidator validator;
    private final ActorContext actors;
    private final AuditLog audit;
    private final Cursors cursors;
    private final Ids ids;
    private final Clock clock;
    private final DomainEvents events;
    private final ShardColumns columns;
    private final ShardTypeService types;

    ShardService(Shards shards, ShardLists lists, ShardAccess access, ShardValidator validator, ActorContext actors, AuditLog audit,
            Cursors cursors, Ids ids, Clock clock, DomainEvents events, ShardColumns columns, ShardTypeService types) {
        this.columns = columns;
        this.types = types;
        this.shards = shards;
        this.lists = lists;
        this.access = access;
        this.validator = validator;
        this.actors = actors;
        this.audit = audit;
        this.cursors = cursors;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    public Shard create(NewShard request) {
        Actor actor = actors.requireRole(Role.MEMBER);
        Shard shard = prepare(access.rules(actor), request, new HashMap<>());
        insert(actor, List.of(shard));
        audit.record(created(shard));
        events.publish(h -> new ShardCreated(h, shard));
        return shard;
    }

    /**
     * Inserts new shards, their type's typed columns assigned first when they are its first in the
     * tenant. Types in name order: two writes bringing the first shards of the same types lock their
     * maps in one order, where the order of their items deadlocked them.
     */
    private void insert(Actor actor, List<Shard> created) {
        created.stream().map(Shard::shardType).distinct().sorted().forEach(type -> columns.beforeFirstInsert(actor.tenantId(), type,
                () -> types.resolve(actor.tenantId(), type).orElseThrow().effectiveSchema()));
        shards.insert(created);
    }

    /** Creates up to {@value #MAX_BULK} shards; each item stands or fails alone. */
    @Transactional
    public List<BulkResult> createAll(List<JsonNode> items, java.util.function.Function<JsonNode, NewShard> reader) {
        Actor actor = actors.requireRole(Role.MEMBER);
        if (items.size() > MAX_BULK) {
            throw ApiException.badRequest("A bulk request takes at most " + MAX_BULK + " items", "/items");
        }
        Map<String, Optional<ShardTypeService.ResolvedType>> resolved = new HashMap<>();
        List<BulkResult> results = new ArrayList<>(items.size());
        List<Shard> valid = new ArrayList<>();
        ShardAccess.Rules rules = access.rules(actor);
        for (int i = 0; i < items.size(); i++) {
            try {
                Shard shard = prepare(rules, reader.apply(items.get(i)), resolved);
                valid.add(shard);
                results.add(new BulkResult(i, 201, shard.id(), null));
            } catch (ApiException e) {
                int index = i;
                List<FieldError> errors = e.errors().stream()
                        .map(err -> new FieldError("/items/" + index + err.pointer(), err.message())).toList();
                results.add(new BulkResult(i, e.status().value(), null, new BulkResult.BulkError(e.title(), e.getMessage(), errors)));
            }
        }
        if (!valid.isEmpty()) {
            insert(actor, valid);
            audit.record(valid.stream().map(this::created).toList());
            valid.forEach(shard -> events.publish(h -> new ShardCreated(h, shard)));
        }
        return results;
    }

    @Transactional(readOnly = true)
    public Shard get(UUID id, boolean includeDeleted) {
        Actor actor = actors.requireRole(Role.VIEWER);
        Shard shard = shards.find(actor.tenantId(), id, false)
                .filter(s -> includeDeleted || !s.status().equals("deleted"))
                .orElseThrow(() -> ApiException.notFound("Shard", id));
        access.requireRead(actor, shard);
        return shard;
    }

    /**
     * The live shards among {@code ids} that the actor may read, by id: unknown, foreign, deleted
     * and hidden ones are simply absent. One statement for all of them (batch loading for GraphQL).
     */
    @Transactional(readOnly = true)
    public Map<UUID, Shard> findAll(Collection<UUID> ids) {
        Actor actor = actors.requireRole(Role.VIEWER);
        Map<UUID, Shard> found = new LinkedHashMap<>();
        for (Shard shard : shards.findLive(actor.tenantId(), ids, access.readFilter(actor, "s"))) {
            found.put(shard.id(), shard);
        }
        return found;
    }

    /** Applies a JSON Merge Patch to the patchable fields. */
    @Transactional
    public Shard patch(UUID id, JsonNode patch, Integer expectedRevision) {
        Actor actor = actors.requireRole(Role.MEMBER);
        validator.requirePatch(patch);
        Shard current = lockLive(actor, id, expectedRevision);
        JsonNode structured = patch.has("structuredData") ? MergePatch.apply(current.structuredData(), patch.get("structuredData"))
                : current.structuredData();
        JsonNode unstructured = patch.has("unstructuredData")
                ? MergePatch.apply(current.unstructuredData(), patch.get("unstructuredData")) : current.unstructuredData();
        JsonNode metadata = patch.has("metadata") ? MergePatch.apply(current.metadata(), patch.get("metadata")) : current.metadata();
        String status = current.status();
        if (patch.has("status")) {
            JsonNode value = patch.get("status");
            status = value.isNull() ? "active" : value.asString("");
        }
        JsonNode acl = patch.has("acl") ? (patch.get("acl").isNull() ? JsonNodeFactory.instance.arrayNode() : ShardValidator.canonicalAcl(patch.get("acl")))
                : current.acl();
        Shard candidate = new Shard(current.id(), current.tenantId(), current.shardType(), structured, nullIfEmpty(unstructured),
                nullIfEmpty(metadata), status, current.source(), current.revision() + 1, acl, current.createdBy(), current.createdAt(),
                now(), embeddingStatus(current, structured, nullIfEmpty(unstructured), status));
        Map<String, Optional<ShardTypeService.ResolvedType>> resolved = new HashMap<>();
        List<FieldError> problems = validator.problems(actor.tenantId(), candidate, resolved);
        if (!problems.isEmpty()) {
            throw ApiException.unprocessable("The shard does not satisfy its type", problems);
        }
        Shard next = unlessNotEmbedded(candidate, resolved);
        if (sameContent(current, next)) {
            return current;
        }
        shards.update(next, actor.userId());
        ObjectNode changes = JsonNodeFactory.instance.objectNode();
        changes.put("revision", next.revision());
        changes.set("patch", patch);
        audit.record(AuditEntry.of("shard.updated", "shard", id, changes));
        events.publish(h -> new ShardUpdated(h, next, current));
        return next;
    }

    @Transactional
    public void delete(UUID id, boolean permanent, Integer expectedRevision) {
        if (permanent) {
            Actor actor = actors.requireRole(Role.ADMIN);
            Shard current = shards.find(actor.tenantId(), id, true).orElseThrow(() -> ApiException.notFound("Shard", id));
            checkRevision(current, expectedRevision);
            shards.delete(actor.tenantId(), id);
            audit.record(AuditEntry.of("shard.deleted", "shard", id, JsonNodeFactory.instance.objectNode()
                    .put("permanent", true).put("shardType", current.shardType())));
            events.publish(h -> new ShardDeleted(h, current));
            return;
        }
        Actor actor = actors.requireRole(Role.MEMBER);
        Shard current = lockLive(actor, id, expectedRevision);
        Shard deleted = withState(current, current.structuredData(), current.unstructuredData(), current.metadata(), "deleted", current.acl());
        shards.update(deleted, actor.userId());
        audit.record(AuditEntry.of("shard.deleted", "shard", id, JsonNodeFactory.instance.objectNode()
                .put("permanent", false).put("revision", deleted.revision())));
        events.publish(h -> new ShardDeleted(h, deleted));
    }

    @Transactional
    public Shard restore(UUID id) {
        Actor actor = actors.requireRole(Role.MEMBER);
        Shard current = shards.find(actor.tenantId(), id, true).orElseThrow(() -> ApiException.notFound("Shard", id));
        access.requireWrite(actor, current);
        if (!current.status().equals("deleted")) {
            throw ApiException.conflict("Shard " + id + " is not deleted");
        }
        String previousStatus = shards.revision(actor.tenantId(), id, current.revision() - 1).map(ShardRevision::status)
                .filter(ShardValidator.WRITABLE_STATUSES::contains).orElse("active");
        Shard restored = unlessNotEmbedded(withState(current, current.structuredData(), current.unstructuredData(), current.metadata(),
                previousStatus, current.acl()), new HashMap<>());
        shards.update(restored, actor.userId());
        audit.record(AuditEntry.of("shard.restored", "shard", id, JsonNodeFactory.instance.objectNode().put("revision", restored.revision())));
        events.publish(h -> new ShardRestored(h, restored));
        return restored;
    }

    /** A listed shard with the cursor that continues the list after it (for Relay-style connections). */
    public record Positioned(Shard shard, String cursor) {
    }

    @Transactional(readOnly = true)
    public Page<Shard> list(ShardQuery query) {
        return listPositioned(query, false).map(Positioned::shard);
    }

    /** As {@link #list}, each shard with its own cursor: a query repeated with it continues after that shard. */
    @Transactional(readOnly = true)
    public Page<Positioned> listPositioned(ShardQuery query) {
        return listPositioned(query, true);
    }

    private Page<Positioned> listPositioned(ShardQuery query, boolean everyCursor) {
        Actor actor = actors.requireRole(Role.VIEWER);
        return lists.page(actor.tenantId(), query, alias -> access.readFilter(actor, alias), everyCursor)
                .map(row -> new Positioned(row.shard(), row.cursor()));
    }

    @Transactional(readOnly = true)
    public Page<ShardRevision> revisions(UUID id, int limit, String cursor) {
        Actor actor = actors.requireRole(Role.VIEWER);
        PageRequest page = PageRequest.of(limit, cursor);
        get(id, true);
        Integer before = null;
        JsonNode position = cursors.position(page);
        if (position != null) {
            if (!id.toString().equals(position.path("shard").asString("")) || !position.path("rev").isInt()) {
                throw ApiException.badRequest("The cursor belongs to a different list", "/cursor");
            }
            before = position.get("rev").asInt();
        }
        List<ShardRevision> rows = shards.revisions(actor.tenantId(), id, before, page.rowsToFetch());
        return cursors.page(rows, page, last -> JsonNodeFactory.instance.objectNode().put("shard", id.toString())
                .put("rev", last.revision()));
    }

    @Transactional(readOnly = true)
    public ShardRevision revision(UUID id, int revision) {
        Actor actor = actors.requireRole(Role.VIEWER);
        get(id, true);
        return shards.revision(actor.tenantId(), id, revision).orElseThrow(() -> ApiException.notFound("Revision", revision));
    }

    /** Makes a new revision whose content equals revision {@code n}. */
    @Transactional
    public Shard revert(UUID id, int revision, Integer expectedRevision) {
        Actor actor = actors.requireRole(Role.MEMBER);
        Shard current = lockLive(actor, id, expectedRevision);
        ShardRevision target = shards.revision(actor.tenantId(), id, revision)
                .orElseThrow(() -> ApiException.notFound("Revision", revision));
        String status = ShardValidator.WRITABLE_STATUSES.contains(target.status()) ? target.status() : current.status();
        Shard validated = withState(current, target.structuredData(), target.unstructuredData(), target.metadata(), status, target.acl());
        Map<String, Optional<ShardTypeService.ResolvedType>> resolved = new HashMap<>();
        List<FieldError> problems = validator.problems(actor.tenantId(), validated, resolved);
        if (!problems.isEmpty()) {
            throw ApiException.unprocessable("Revision " + revision + " does not satisfy the type's current schema", problems);
        }
        Shard reverted = unlessNotEmbedded(validated, resolved);
        shards.update(reverted, actor.userId());
        audit.record(AuditEntry.of("shard.updated", "shard", id, JsonNodeFactory.instance.objectNode()
                .put("revision", reverted.revision()).put("revertedTo", revision)));
        events.publish(h -> new ShardUpdated(h, reverted, current));
        return reverted;
    }

    /** Locks a live (not deleted) shard of the actor's tenant that it may change, and checks If-Match. */
    private Shard lockLive(Actor actor, UUID id, Integer expectedRevision) {
        Shard current = shards.find(actor.tenantId(), id, true)
                .filter(s -> !s.status().equals("deleted"))
                .orElseThrow(() -> ApiException.notFound("Shard", id));
        access.requireWrite(actor, current);
        checkRevision(current, expectedRevision);
        return current;
    }

    private static void checkRevision(Shard current, Integer expectedRevision) {
        if (expectedRevision != null && expectedRevision != current.revision()) {
            throw ApiException.preconditionFailed("If-Match names revision " + expectedRevision + " but the shard is at revision "
                    + current.revision());
        }
    }

    private Shard prepare(ShardAccess.Rules rules, NewShard request, Map<String, Optional<ShardTypeService.ResolvedType>> resolved) {
        if (request == null) {
            throw ApiException.badRequest("The body must be a shard");
        }
        if (request.shardType() != null) {
            rules.requireCreate(request.shardType());
        }
        Actor actor = rules.actor();
        String status = request.status() == null ? "active" : request.status();
        String source = request.source() == null ? "api" : request.source();
        Instant now = now();
        Shard shard = new Shard(ids.next(), actor.tenantId(), request.shardType(), request.structuredData(),
                nullIfEmpty(request.unstructuredData()), nullIfEmpty(request.metadata()), status, source, 1,
                request.acl() == null || request.acl().isNull() ? JsonNodeFactory.instance.arrayNode() : ShardValidator.canonicalAcl(request.acl()),
                actor.userId(), now,
                now, Shard.EMBEDDING_PENDING);
        List<FieldError> problems = validator.problemsOfNew(shard, resolved);
        if (!problems.isEmpty()) {
            throw ApiException.unprocessable("The shard is invalid", problems);
        }
        return unlessNotEmbedded(shard, resolved);
    }

    /**
     * A shard of a type whose shards are not embedded ({@code embed: false}) is {@code none} where
     * it would wait for an embedding: nothing is queued for it, and its status says why it has none.
     */
    private Shard unlessNotEmbedded(Shard shard, Map<String, Optional<ShardTypeService.ResolvedType>> resolved) {
        if (!Shard.EMBEDDING_PENDING.equals(shard.embeddingStatus())) {
            return shard;
        }
        boolean embed = resolved.computeIfAbsent(shard.shardType(), name -> types.resolve(shard.tenantId(), name))
                .map(ShardTypeService.ResolvedType::embed).orElse(true);
        return embed ? shard : shard.withEmbeddingStatus(Shard.EMBEDDING_NONE);
    }

    private Shard withState(Shard current, JsonNode structured, JsonNode unstructured, JsonNode metadata, String status, JsonNode acl) {
        return new Shard(current.id(), current.tenantId(), current.shardType(), structured, unstructured, metadata, status,
                current.source(), current.revision() + 1, acl, current.createdBy(), current.createdAt(), now(),
                embeddingStatus(current, structured, unstructured, status));
    }

    /**
     * A write that changes the text the search module embeds (or brings a shard back from
     * deleted) makes it {@code pending} until the search module has embedded it; a deleted shard
     * has no embedding; other changes (metadata, acl, archiving) keep what there is.
     */
    private static String embeddingStatus(Shard current, JsonNode structured, JsonNode unstructured, String status) {
        if (status.equals("deleted")) {
            return Shard.EMBEDDING_NONE;
        }
        if (current.status().equals("deleted") || !current.structuredData().equals(structured)
                || !java.util.Objects.equals(current.unstructuredData(), unstructured)) {
            return Shard.EMBEDDING_PENDING;
        }
        return current.embeddingStatus();
    }

    private static boolean sameContent(Shard a, Shard b) {
        return a.structuredData().equals(b.structuredData()) && java.util.Objects.equals(a.unstructuredData(), b.unstructuredData())
                && java.util.Objects.equals(a.metadata(), b.metadata()) && a.status().equals(b.status()) && a.acl().equals(b.acl());
    }

    private AuditEntry created(Shard shard) {
        return AuditEntry.of("shard.created", "shard", shard.id(),
                JsonNodeFactory.instance.objectNode().put("shardType", shard.shardType()).put("revision", 1));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static JsonNode nullIfEmpty(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

}
