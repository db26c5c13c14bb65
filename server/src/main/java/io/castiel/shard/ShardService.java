package io.castiel.shard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import io.castiel.platform.Role;
import io.castiel.shard.internal.MergePatch;
import io.castiel.shard.internal.ShardSort;
import io.castiel.shard.internal.Shards;
import io.castiel.shard.internal.TypeSchemas;
import io.castiel.shard.internal.WhereFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
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
    private static final Set<String> WRITABLE_STATUSES = Set.of("active", "archived", "draft");
    private static final Set<String> STATUSES = Set.of("active", "archived", "draft", "deleted");
    private static final Set<String> SOURCES = Set.of("ui", "api", "import", "integration", "system");
    private static final Set<String> PATCHABLE = Set.of("structuredData", "unstructuredData", "metadata", "status", "acl");
    private static final Set<String> PERMISSIONS = Set.of("read", "write");

    private final Shards shards;
    private final ShardAccess access;
    private final ShardTypeService types;
    private final TypeSchemas schemas;
    private final ActorContext actors;
    private final AuditLog audit;
    private final Cursors cursors;
    private final Ids ids;
    private final Clock clock;
    private final DomainEvents events;

    ShardService(Shards shards, ShardAccess access, ShardTypeService types, TypeSchemas schemas, ActorContext actors, AuditLog audit,
            Cursors cursors, Ids ids, Clock clock, DomainEvents events) {
        this.shards = shards;
        this.access = access;
        this.types = types;
        this.schemas = schemas;
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
        shards.insert(List.of(shard));
        audit.record(created(shard));
        events.publish(h -> new ShardCreated(h, shard));
        return shard;
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
            shards.insert(valid);
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
        if (patch == null || !patch.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object (a JSON Merge Patch)");
        }
        for (String field : patch.propertyNames()) {
            if (!PATCHABLE.contains(field)) {
                throw ApiException.badRequest(field + " cannot be changed; patchable fields are " + String.join(", ", PATCHABLE.stream().sorted().toList()),
                        "/" + field);
            }
        }
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
        JsonNode acl = patch.has("acl") ? (patch.get("acl").isNull() ? JsonNodeFactory.instance.arrayNode() : canonicalAcl(patch.get("acl")))
                : current.acl();
        Shard next = new Shard(current.id(), current.tenantId(), current.shardType(), structured, nullIfEmpty(unstructured),
                nullIfEmpty(metadata), status, current.source(), current.revision() + 1, acl, current.createdBy(), current.createdAt(),
                now(), embeddingStatus(current, structured, nullIfEmpty(unstructured), status));
        List<FieldError> problems = check(actor.tenantId(), next, new HashMap<>());
        if (!problems.isEmpty()) {
            throw ApiException.unprocessable("The shard does not satisfy its type", problems);
        }
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
                .filter(WRITABLE_STATUSES::contains).orElse("active");
        Shard restored = withState(current, current.structuredData(), current.unstructuredData(), current.metadata(), previousStatus,
                current.acl());
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
        Page<Positioned> page = listPositioned(query, false);
        return new Page<>(page.items().stream().map(Positioned::shard).toList(), page.nextCursor());
    }

    /** As {@link #list}, each shard with its own cursor: a query repeated with it continues after that shard. */
    @Transactional(readOnly = true)
    public Page<Positioned> listPositioned(ShardQuery query) {
        return listPositioned(query, true);
    }

    private Page<Positioned> listPositioned(ShardQuery query, boolean everyCursor) {
        Actor actor = actors.requireRole(Role.VIEWER);
        checkLimit(query.limit());
        ShardSort sort = ShardSort.parse(query.sort());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", actor.tenantId());
        StringBuilder sql = new StringBuilder("select ").append(Shards.COLUMNS).append(", (").append(sort.expression())
                .append(")::text as sort_key from shards s where s.tenant_id = :tenant");
        if (query.type() != null) {
            if (!ShardTypeService.NAME.matcher(query.type()).matches()) {
                throw ApiException.badRequest("type must be a shard type name", "/type");
            }
            sql.append(" and s.shard_type = :type");
            params.put("type", query.type());
        }
        if (query.status() == null) {
            sql.append(" and s.status <> 'deleted'");
        } else {
            if (!STATUSES.contains(query.status())) {
                throw ApiException.badRequest("status must be one of active, archived, draft, deleted", "/status");
            }
            sql.append(" and s.status = :status");
            params.put("status", query.status());
        }
        if (query.tag() != null) {
            sql.append(" and s.metadata -> 'tags' @> cast(:tag as jsonb)");
            params.put("tag", JsonNodeFactory.instance.arrayNode().add(query.tag()).toString());
        }
        if (query.q() != null && !query.q().isBlank()) {
            if (query.q().length() > 500) {
                throw ApiException.badRequest("q must have at most 500 characters", "/q");
            }
            sql.append(" and s.search @@ websearch_to_tsquery('english', :q)");
            params.put("q", query.q());
        }
        List<String> where = query.where() == null ? List.of() : query.where();
        if (where.size() > 20) {
            throw ApiException.badRequest("At most 20 where filters", "/where");
        }
        for (int i = 0; i < where.size(); i++) {
            WhereFilter.append(where.get(i), i, sql, params);
        }
        // Filtered in the query, so pages stay full and cursors stay valid.
        ShardAccess.SqlFilter readable = access.readFilter(actor, "s");
        sql.append(readable.sql());
        params.putAll(readable.params());
        String filterHash = fingerprint(query.type() + "|" + query.status() + "|" + query.tag() + "|" + query.q() + "|" + where);
        if (query.cursor() != null) {
            JsonNode position = cursors.decode(query.cursor());
            if (!filterHash.equals(position.path("f").asString("")) || !sort.spec().equals(position.path("s").asString(""))) {
                throw ApiException.badRequest("The cursor belongs to a different query; repeat the same filters and sort", "/cursor");
            }
            sql.append(" and (").append(sort.expression()).append(", s.id) ").append(sort.descending() ? "<" : ">")
                    .append(" (cast(:after_key as ").append(sort.cast()).append("), cast(:after_id as uuid))");
            params.put("after_key", position.path("k").asString());
            params.put("after_id", position.path("id").asString());
        }
        String direction = sort.descending() ? " desc" : "";
        sql.append(" order by ").append(sort.expression()).append(direction).append(", s.id").append(direction).append(" limit :limit");
        params.put("limit", query.limit() + 1);
        List<Shards.Listed> rows = shards.list(sql.toString(), params);
        boolean more = rows.size() > query.limit();
        if (more) {
            rows = rows.subList(0, query.limit());
        }
        List<Positioned> items = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Shards.Listed row = rows.get(i);
            boolean last = i == rows.size() - 1;
            items.add(new Positioned(row.shard(), everyCursor || last && more ? cursor(sort, filterHash, row) : null));
        }
        return new Page<>(items, more ? items.get(items.size() - 1).cursor() : null);
    }

    private String cursor(ShardSort sort, String filterHash, Shards.Listed row) {
        ObjectNode position = JsonNodeFactory.instance.objectNode();
        position.put("s", sort.spec()).put("f", filterHash).put("k", row.sortKey()).put("id", row.shard().id().toString());
        return cursors.encode(position);
    }

    @Transactional(readOnly = true)
    public Page<ShardRevision> revisions(UUID id, int limit, String cursor) {
        Actor actor = actors.requireRole(Role.VIEWER);
        checkLimit(limit);
        get(id, true);
        Integer before = null;
        if (cursor != null) {
            JsonNode position = cursors.decode(cursor);
            if (!id.toString().equals(position.path("shard").asString("")) || !position.path("rev").isInt()) {
                throw ApiException.badRequest("The cursor belongs to a different list", "/cursor");
            }
            before = position.get("rev").asInt();
        }
        List<ShardRevision> rows = shards.revisions(actor.tenantId(), id, before, limit + 1);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = cursors.encode(JsonNodeFactory.instance.objectNode().put("shard", id.toString())
                    .put("rev", rows.get(rows.size() - 1).revision()));
        }
        return new Page<>(rows, next);
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
        String status = WRITABLE_STATUSES.contains(target.status()) ? target.status() : current.status();
        Shard reverted = withState(current, target.structuredData(), target.unstructuredData(), target.metadata(), status, target.acl());
        List<FieldError> problems = check(actor.tenantId(), reverted, new HashMap<>());
        if (!problems.isEmpty()) {
            throw ApiException.unprocessable("Revision " + revision + " does not satisfy the type's current schema", problems);
        }
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
                request.acl() == null || request.acl().isNull() ? JsonNodeFactory.instance.arrayNode() : canonicalAcl(request.acl()),
                actor.userId(), now,
                now, Shard.EMBEDDING_PENDING);
        List<FieldError> problems = new ArrayList<>();
        if (!SOURCES.contains(source)) {
            problems.add(new FieldError("/source", "must be one of ui, api, import, integration, system"));
        }
        problems.addAll(check(actor.tenantId(), shard, resolved));
        if (!problems.isEmpty()) {
            throw ApiException.unprocessable("The shard is invalid", problems);
        }
        return shard;
    }

    /** Everything a stored shard must satisfy: known type, schema, field shapes. */
    private List<FieldError> check(UUID tenantId, Shard shard, Map<String, Optional<ShardTypeService.ResolvedType>> resolved) {
        List<FieldError> problems = new ArrayList<>();
        if (!WRITABLE_STATUSES.contains(shard.status())) {
            problems.add(new FieldError("/status", "must be one of active, archived, draft (delete with DELETE)"));
        }
        if (shard.unstructuredData() != null && !shard.unstructuredData().isObject()) {
            problems.add(new FieldError("/unstructuredData", "must be an object such as {\"text\": \"...\"}"));
        } else if (shard.unstructuredData() != null && shard.unstructuredData().has("text") && !shard.unstructuredData().get("text").isString()) {
            problems.add(new FieldError("/unstructuredData/text", "must be a string"));
        }
        if (shard.metadata() != null && !shard.metadata().isObject()) {
            problems.add(new FieldError("/metadata", "must be an object"));
        } else if (shard.metadata() != null && shard.metadata().has("tags")) {
            JsonNode tags = shard.metadata().get("tags");
            if (!tags.isArray() || !tags.valueStream().allMatch(JsonNode::isString)) {
                problems.add(new FieldError("/metadata/tags", "must be an array of strings"));
            }
        }
        checkAcl(shard.acl(), problems);
        if (shard.shardType() == null) {
            problems.add(new FieldError("/shardType", "is required"));
            return problems;
        }
        Optional<ShardTypeService.ResolvedType> type = resolved.computeIfAbsent(shard.shardType(), name -> types.resolveForWrite(tenantId, name));
        if (type.isEmpty()) {
            problems.add(new FieldError("/shardType", "unknown shard type " + shard.shardType()));
            return problems;
        }
        if (shard.structuredData() == null || !shard.structuredData().isObject()) {
            problems.add(new FieldError("/structuredData", "is required and must be an object"));
            return problems;
        }
        problems.addAll(schemas.validate(type.get().effectiveSchema(), shard.structuredData(), "/structuredData"));
        return problems;
    }

    private static void checkAcl(JsonNode acl, List<FieldError> problems) {
        if (!acl.isArray()) {
            problems.add(new FieldError("/acl", "must be an array of {userId, permissions}"));
            return;
        }
        if (acl.size() > 100) {
            problems.add(new FieldError("/acl", "at most 100 entries"));
        }
        Set<UUID> users = new HashSet<>();
        for (int i = 0; i < acl.size(); i++) {
            JsonNode entry = acl.get(i);
            String pointer = "/acl/" + i;
            if (!entry.isObject() || !entry.path("userId").isString() || !isUuid(entry.get("userId").asString())) {
                problems.add(new FieldError(pointer + "/userId", "must be a user id (UUID)"));
            }
            JsonNode permissions = entry.path("permissions");
            if (!permissions.isArray() || permissions.isEmpty()
                    || !permissions.valueStream().allMatch(p -> p.isString() && PERMISSIONS.contains(p.asString()))) {
                problems.add(new FieldError(pointer + "/permissions", "must be a non-empty array of read, write"));
            } else if (contains(permissions, ShardAccess.WRITE) && !contains(permissions, ShardAccess.READ)) {
                // One cannot change what one cannot see; saying so avoids two readings of ["write"].
                problems.add(new FieldError(pointer + "/permissions", "write needs read as well: [\"read\", \"write\"]"));
            }
            if (entry.path("userId").isString() && isUuid(entry.get("userId").asString())
                    && !users.add(UUID.fromString(entry.get("userId").asString()))) {
                problems.add(new FieldError(pointer + "/userId", "this user is listed more than once"));
            }
            for (String field : entry.propertyNames()) {
                if (!field.equals("userId") && !field.equals("permissions")) {
                    problems.add(new FieldError(pointer + "/" + field, "unknown field"));
                }
            }
        }
    }

    private static boolean contains(JsonNode array, String value) {
        return array.valueStream().anyMatch(v -> value.equals(v.asString("")));
    }

    /**
     * The acl with user ids in their canonical (lower-case) spelling, which the SQL filter's JSON
     * containment compares exactly. Anything malformed is returned as given, for the checks to report.
     */
    private static JsonNode canonicalAcl(JsonNode acl) {
        if (!acl.isArray()) {
            return acl;
        }
        ArrayNode canonical = JsonNodeFactory.instance.arrayNode();
        for (JsonNode entry : acl) {
            if (!entry.isObject() || !entry.path("userId").isString() || !isUuid(entry.get("userId").asString())) {
                return acl;
            }
            ObjectNode copy = ((ObjectNode) entry).deepCopy();
            copy.put("userId", UUID.fromString(entry.get("userId").asString()).toString());
            canonical.add(copy);
        }
        return canonical;
    }

    private static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return value.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
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

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > 500) {
            throw ApiException.badRequest("limit must be between 1 and 500", "/limit");
        }
    }

    private static String fingerprint(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
