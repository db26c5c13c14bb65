package io.castiel.shard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.platform.DomainEvents;
import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiException.FieldError;
import io.castiel.platform.ApiException;
import io.castiel.platform.Role;
import io.castiel.shard.internal.ShardColumns;
import io.castiel.shard.internal.ShardTypes;
import io.castiel.shard.internal.SystemShardTypes;
import io.castiel.shard.internal.TypePermissions;
import io.castiel.shard.internal.TypeSchemas;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Shard types: the system built-ins plus the tenant's own, with inheritance. A type's effective
 * schema is its ancestors' schemas merged root first, properties and required fields combined.
 */
@Service
public class ShardTypeService {

    private static final int MAX_FAILURES_REPORTED = 10;
    /** Each indexed field costs every write to the type an index entry: a few, for the fields lists filter on most. */
    private static final int MAX_INDEXED_FIELDS = 8;

    /** A type ready for validating shards: its name, effective schema, and whether its shards are embedded. */
    public record ResolvedType(String name, JsonNode effectiveSchema, boolean embed) {
    }

    private final ShardTypes types;
    private final ShardColumns columns;
    private final TypePermissions permissions;
    private final SystemShardTypes system;
    private final TypeSchemas schemas;
    private final ActorContext actors;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    private final DomainEvents events;

    ShardTypeService(ShardTypes types, TypePermissions permissions, SystemShardTypes system, TypeSchemas schemas, ActorContext actors,
            AuditLog audit, JdbcClient jdbc, JsonMapper json, DomainEvents events, ShardColumns columns) {
        this.events = events;
        this.columns = columns;
        this.types = types;
        this.permissions = permissions;
        this.system = system;
        this.schemas = schemas;
        this.actors = actors;
        this.audit = audit;
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public List<ShardType> list() {
        Actor actor = actors.requireRole(Role.VIEWER);
        List<ShardType> all = new ArrayList<>(system.all());
        all.addAll(types.all(actor.tenantId()));
        all.sort(Comparator.comparing(ShardType::name));
        Map<String, Map<String, Set<String>>> overrides = permissions.all(actor.tenantId());
        return all.stream().map(t -> t.withPermissions(effectivePermissions(overrides.getOrDefault(t.name(), Map.of())))).toList();
    }

    @Transactional(readOnly = true)
    public ShardType get(String name) {
        Actor actor = actors.requireRole(Role.VIEWER);
        ShardType type = find(actor.tenantId(), name).orElseThrow(() -> ApiException.notFound("Shard type", name));
        return type.withEffectiveSchema(resolve(actor.tenantId(), name).orElseThrow().effectiveSchema())
                .withPermissions(effectivePermissions(permissions.forType(actor.tenantId(), name)));
    }

    /** The type with its effective schema, or empty when the tenant has no such type. */
    @Transactional(readOnly = true)
    public Optional<ResolvedType> resolve(UUID tenantId, String name) {
        return resolve(tenantId, name, false);
    }

    /**
     * As {@link #resolve(UUID, String)}, for writing a shard: the tenant-defined types of its
     * lineage are share-locked until commit, so a concurrent schema change either waits for this
     * write (and then checks the new shard) or commits first (and this write sees the new schema).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<ResolvedType> resolveForWrite(UUID tenantId, String name) {
        return resolve(tenantId, name, true);
    }

    private Optional<ResolvedType> resolve(UUID tenantId, String name, boolean forWrite) {
        Optional<ShardType> builtIn = system.find(name);
        if (builtIn.isPresent()) {
            return Optional.of(new ResolvedType(name, builtIn.get().schema(), true));
        }
        if (name == null || !ShardTypes.NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        List<ShardType> chain = new ArrayList<>(forWrite ? types.chainForWrite(tenantId, name) : types.chain(tenantId, name));
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        String root = chain.get(chain.size() - 1).parentType();
        if (root != null) {
            system.find(root).ifPresent(chain::add);
        }
        return Optional.of(new ResolvedType(name, schemas.effective(chain.stream().map(ShardType::schema).toList()), chain.get(0).embed()));
    }

    @Transactional
    public ShardType create(ShardTypeDefinition definition) {
        Actor actor = actors.requireRole(Role.ADMIN);
        checkName(definition.name());
        if (definition.name().startsWith(SystemShardTypes.RESERVED_PREFIX)) {
            throw ApiException.conflict("Type names starting with " + SystemShardTypes.RESERVED_PREFIX
                    + " are reserved for the system types; extend one with parentType instead");
        }
        Map<String, List<String>> byRole = isAbsent(definition.permissions()) ? Map.of()
                : parsePermissions(definition.permissions(), "/permissions");
        JsonNode effective = checkDefinition(actor.tenantId(), definition);
        if (!types.insert(actor.tenantId(), definition, actor.userId())) {
            throw ApiException.conflict("A shard type named " + definition.name() + " already exists");
        }
        permissions.replace(actor.tenantId(), definition.name(), byRole, actor.userId());
        audit.record(AuditEntry.of("shardtype.created", "shard_type", definition.name(), summary(definition)));
        ShardType created = types.find(actor.tenantId(), definition.name()).orElseThrow().withEffectiveSchema(effective)
                .withPermissions(effectivePermissions(sets(byRole)));
        events.publish(h -> new ShardTypeCreated(h, created));
        return created;
    }

    @Transactional
    public ShardType update(String name, ShardTypeDefinition body, boolean force) {
        Actor actor = actors.requireRole(Role.ADMIN);
        if (body.name() != null && !body.name().equals(name)) {
            throw ApiException.badRequest("name cannot be changed (it is " + name + ")", "/name");
        }
        if (system.find(name).isPresent()) {
            throw ApiException.conflict(name + " is a system type and cannot be changed; extend it with a child type");
        }
        types.find(actor.tenantId(), name).orElseThrow(() -> ApiException.notFound("Shard type", name));
        ShardType before = get(name);
        ShardTypeDefinition definition = new ShardTypeDefinition(name, body.displayName(), body.description(), body.parentType(),
                body.schema(), body.encryptedFields(), body.embedFields(), body.embed(), body.indexedFields(), body.permissions());
        Map<String, List<String>> byRole = isAbsent(body.permissions()) ? null : parsePermissions(body.permissions(), "/permissions");
        checkDefinition(actor.tenantId(), definition);
        lock(actor.tenantId(), name);
        types.update(actor.tenantId(), definition);
        // This type's schema and its descendants' change: their typed columns are checked again.
        columns.invalidate(actor.tenantId());
        if (byRole != null) {
            permissions.replace(actor.tenantId(), name, byRole, actor.userId());
        }
        if (!force) {
            List<String> failing = shardsFailingNewSchemas(actor.tenantId(), name);
            if (!failing.isEmpty()) {
                throw new ApiException(org.springframework.http.HttpStatus.CONFLICT, "Conflict",
                        "Existing shards would fail the changed schema (pass ?force=true to change it anyway): " + String.join(", ", failing));
            }
        }
        audit.record(AuditEntry.of("shardtype.updated", "shard_type", name, summary(definition).put("force", force)));
        ShardType updated = get(name);
        events.publish(h -> new ShardTypeUpdated(h, updated, before));
        return updated;
    }

    @Transactional
    public void delete(String name) {
        Actor actor = actors.requireRole(Role.ADMIN);
        if (system.find(name).isPresent()) {
            throw ApiException.conflict(name + " is a system type and cannot be deleted");
        }
        types.find(actor.tenantId(), name).orElseThrow(() -> ApiException.notFound("Shard type", name));
        lock(actor.tenantId(), name);
        if (!types.descendants(actor.tenantId(), name).isEmpty()) {
            throw ApiException.conflict("Other types extend " + name + "; delete or re-parent them first");
        }
        boolean used = jdbc.sql("select exists (select 1 from shards where tenant_id = ? and shard_type = ?)")
                .params(actor.tenantId(), name).query(Boolean.class).single();
        if (used) {
            throw ApiException.conflict("Shards of type " + name + " exist (including deleted ones); remove them first");
        }
        ShardType deleted = get(name);
        types.delete(actor.tenantId(), name);
        permissions.delete(actor.tenantId(), name);
        audit.record(AuditEntry.of("shardtype.deleted", "shard_type", name, null));
        events.publish(h -> new ShardTypeDeleted(h, deleted));
    }

    /**
     * Sets what members and viewers may do with shards of a type, for this tenant: the one change
     * allowed on system types too. {@code body} is {@code {"member": [...], "viewer": [...]}}; a
     * role left out gets its default (viewers read, members read and write).
     */
    @Transactional
    public ShardType setPermissions(String name, JsonNode body) {
        Actor actor = actors.requireRole(Role.ADMIN);
        find(actor.tenantId(), name).orElseThrow(() -> ApiException.notFound("Shard type", name));
        Map<String, List<String>> byRole = parsePermissions(body, "");
        if (system.find(name).isEmpty()) {
            lock(actor.tenantId(), name);
        }
        permissions.replace(actor.tenantId(), name, byRole, actor.userId());
        ObjectNode changes = JsonNodeFactory.instance.objectNode();
        changes.set("permissions", json.valueToTree(byRole));
        audit.record(AuditEntry.of("shardtype.permissions.updated", "shard_type", name, changes));
        return get(name);
    }

    /** Member and viewer permissions: the type's own where set, else the defaults. */
    private static Map<String, List<String>> effectivePermissions(Map<String, Set<String>> overrides) {
        Map<String, List<String>> byRole = new LinkedHashMap<>();
        ShardAccess.DEFAULTS.keySet().stream().sorted().forEach(role -> byRole.put(role,
                overrides.getOrDefault(role, ShardAccess.DEFAULTS.get(role)).stream().sorted().toList()));
        return byRole;
    }

    private static Map<String, Set<String>> sets(Map<String, List<String>> byRole) {
        Map<String, Set<String>> sets = new LinkedHashMap<>();
        byRole.forEach((role, granted) -> sets.put(role, Set.copyOf(granted)));
        return sets;
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** Reads and checks {@code {"member": ["read"], "viewer": []}}; problems are reported under {@code pointer}. */
    private static Map<String, List<String>> parsePermissions(JsonNode node, String pointer) {
        if (node == null || !node.isObject()) {
            throw ApiException.unprocessable("permissions must be an object such as {\"member\": [\"read\"], \"viewer\": []}",
                    List.of(new FieldError(pointer, "must be an object such as {\"member\": [\"read\"], \"viewer\": []}")));
        }
        List<FieldError> problems = new ArrayList<>();
        Map<String, List<String>> byRole = new LinkedHashMap<>();
        for (String role : node.propertyNames()) {
            String at = pointer + "/" + role;
            if (role.equals(Role.OWNER.wireName()) || role.equals(Role.ADMIN.wireName())) {
                problems.add(new FieldError(at, "owners and admins may always read and write; only member and viewer can be restricted"));
                continue;
            }
            if (!ShardAccess.DEFAULTS.containsKey(role)) {
                problems.add(new FieldError(at, "unknown role; permissions are set for member and viewer"));
                continue;
            }
            JsonNode granted = node.get(role);
            if (!granted.isArray() || !granted.valueStream().allMatch(p -> p.isString()
                    && (p.asString().equals(ShardAccess.READ) || p.asString().equals(ShardAccess.WRITE)))) {
                problems.add(new FieldError(at, "must be an array of read, write (possibly empty)"));
                continue;
            }
            Set<String> set = new java.util.TreeSet<>();
            granted.forEach(p -> set.add(p.asString()));
            if (set.contains(ShardAccess.WRITE) && !set.contains(ShardAccess.READ)) {
                problems.add(new FieldError(at, "write needs read as well: [\"read\", \"write\"]"));
            } else if (set.contains(ShardAccess.WRITE) && !ShardAccess.DEFAULTS.get(role).contains(ShardAccess.WRITE)) {
                problems.add(new FieldError(at, "a type can only narrow a role, and " + role + "s never write"));
            }
            byRole.put(role, List.copyOf(set));
        }
        if (!problems.isEmpty()) {
            throw ApiException.unprocessable("The permissions are invalid", problems);
        }
        return byRole;
    }

    /** Holds the type's row until commit, so that the checks below see no concurrent change to it. */
    private void lock(UUID tenantId, String name) {
        jdbc.sql("select 1 from shard_types where tenant_id = ? and name = ? for update").params(tenantId, name).query(Integer.class).single();
    }

    private Optional<ShardType> find(UUID tenantId, String name) {
        Optional<ShardType> builtIn = system.find(name);
        if (builtIn.isPresent()) {
            return builtIn;
        }
        return ShardTypes.NAME.matcher(name).matches() ? types.find(tenantId, name) : Optional.empty();
    }

    /** Validates a definition and returns its effective schema. */
    private JsonNode checkDefinition(UUID tenantId, ShardTypeDefinition definition) {
        List<FieldError> problems = new ArrayList<>();
        if (definition.displayName() != null && definition.displayName().length() > 200) {
            problems.add(new FieldError("/displayName", "must have at most 200 characters"));
        }
        if (definition.description() != null && definition.description().length() > 4000) {
            problems.add(new FieldError("/description", "must have at most 4000 characters"));
        }
        if (definition.encryptedFields() != null && !definition.encryptedFields().isEmpty()) {
            problems.add(new FieldError("/encryptedFields", "field encryption is not available in this version"));
        }
        if (definition.embedFields() != null) {
            if (definition.embedFields().size() > 50) {
                problems.add(new FieldError("/embedFields", "at most 50 fields"));
            }
            for (int i = 0; i < definition.embedFields().size(); i++) {
                String pointer = definition.embedFields().get(i);
                if (pointer == null || !pointer.startsWith("/") || pointer.length() > 200) {
                    problems.add(new FieldError("/embedFields/" + i, "must be a JSON pointer such as /description"));
                }
            }
        }
        problems.addAll(schemas.checkSchema(definition.schema(), "/schema"));
        if (!problems.isEmpty()) {
            throw ApiException.unprocessable("The shard type definition is invalid", problems);
        }
        List<JsonNode> chain = new ArrayList<>();
        chain.add(definition.schema());
        String parent = definition.parentType();
        if (parent != null) {
            if (parent.equals(definition.name())) {
                throw ApiException.unprocessable("A type cannot be its own parent", List.of(new FieldError("/parentType", "must differ from name")));
            }
            ResolvedType resolvedParent = resolve(tenantId, parent).orElseThrow(() -> ApiException.unprocessable(
                    "The parent type does not exist", List.of(new FieldError("/parentType", "unknown shard type " + parent))));
            if (system.find(parent).isEmpty()
                    && types.chain(tenantId, parent).stream().anyMatch(t -> t.name().equals(definition.name()))) {
                throw ApiException.unprocessable("Inheritance would form a cycle",
                        List.of(new FieldError("/parentType", definition.name() + " is an ancestor of " + parent)));
            }
            chain.add(resolvedParent.effectiveSchema());
        }
        JsonNode effective = schemas.effective(chain);
        List<FieldError> effectiveProblems = schemas.checkSchema(effective, "/schema");
        if (!effectiveProblems.isEmpty()) {
            throw ApiException.unprocessable("The schema merged with its parent's is invalid", effectiveProblems);
        }
        checkIndexedFields(definition.indexedFields(), effective);
        return effective;
    }

    /** Indexed fields must be scalar fields of the effective schema with a typed column: those are what the indexes are on. */
    private static void checkIndexedFields(List<String> indexed, JsonNode effective) {
        if (indexed == null) {
            return;
        }
        List<FieldError> problems = new ArrayList<>();
        if (indexed.size() > MAX_INDEXED_FIELDS) {
            problems.add(new FieldError("/indexedFields", "at most " + MAX_INDEXED_FIELDS + " fields"));
        }
        Set<String> indexable = ShardColumns.indexable(effective);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < indexed.size() && i < MAX_INDEXED_FIELDS; i++) {
            String pointer = indexed.get(i);
            if (pointer == null || !pointer.startsWith("/")) {
                problems.add(new FieldError("/indexedFields/" + i, "must be a JSON pointer such as /rating"));
            } else if (!indexable.contains(pointer)) {
                problems.add(new FieldError("/indexedFields/" + i,
                        "must name a string, number, boolean, date or date-time field of the schema (" + pointer + " is not one)"));
            } else if (!seen.add(pointer)) {
                problems.add(new FieldError("/indexedFields/" + i, pointer + " is listed twice"));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.unprocessable("The indexed fields are invalid", problems);
        }
    }

    /** Shards of the type and its descendants that fail their (new) effective schema: a few ids. */
    private List<String> shardsFailingNewSchemas(UUID tenantId, String name) {
        Set<String> affected = new LinkedHashSet<>();
        affected.add(name);
        affected.addAll(types.descendants(tenantId, name));
        List<String> failing = new ArrayList<>();
        for (String typeName : affected) {
            JsonNode effective = resolve(tenantId, typeName).orElseThrow().effectiveSchema();
            jdbc.sql("select id, structured_data::text from shards where tenant_id = ? and shard_type = ?")
                    .params(tenantId, typeName)
                    .withFetchSize(500)
                    .query(rs -> {
                        while (failing.size() < MAX_FAILURES_REPORTED && rs.next()) {
                            if (!schemas.validate(effective, json.readTree(rs.getString(2)), "").isEmpty()) {
                                failing.add(rs.getString(1));
                            }
                        }
                        return failing.size();
                    });
            if (failing.size() >= MAX_FAILURES_REPORTED) {
                break;
            }
        }
        return failing;
    }

    private static void checkName(String name) {
        if (name == null || !ShardTypes.NAME.matcher(name).matches()) {
            throw ApiException.badRequest("name must match ^[a-z][a-z0-9_]{1,62}$", "/name");
        }
    }

    private static ObjectNode summary(ShardTypeDefinition definition) {
        ObjectNode changes = JsonNodeFactory.instance.objectNode();
        changes.put("parentType", definition.parentType());
        changes.set("schema", definition.schema());
        ArrayNode embed = changes.putArray("embedFields");
        if (definition.embedFields() != null) {
            definition.embedFields().forEach(embed::add);
        }
        if (definition.embed() != null) {
            changes.put("embed", definition.embed());
        }
        if (definition.indexedFields() != null) {
            ArrayNode indexed = changes.putArray("indexedFields");
            definition.indexedFields().forEach(indexed::add);
        }
        if (!isAbsent(definition.permissions())) {
            changes.set("permissions", definition.permissions());
        }
        return changes;
    }

}
