package io.castiel.shard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.castiel.platform.Actor;
import io.castiel.platform.ApiException;
import io.castiel.platform.Role;
import io.castiel.shard.internal.ReadFilter;
import io.castiel.shard.internal.Shards;
import io.castiel.shard.internal.TypePermissions;
import tools.jackson.databind.JsonNode;

/**
 * Who may read and change which shard, beyond the four roles: the one check every path that
 * shows or changes shards goes through (REST here; search, GraphQL, WebSocket and webhooks reuse
 * it). The rules, in order:
 * <ol>
 * <li>Owners and admins may always read and write every shard.</li>
 * <li>A shard type may narrow what members and viewers may do with its shards (per tenant, see
 * {@code shard_type_permissions}); without such a setting viewers read and members read and
 * write. It never widens a role: viewers never write. The setting belongs to the type alone: a
 * child type does not inherit its parent's (admins set each type's explicitly).</li>
 * <li>A shard with a non-empty {@code acl} may be read only by the users listed with
 * {@code read} and changed (patched, deleted, restored, reverted, linked) only by those listed
 * with {@code write}. Its creator always keeps both, so nobody locks themselves out of their own
 * shard. The acl also only narrows: a listed viewer still cannot write.</li>
 * </ol>
 * A shard the actor may not read is reported as 404, as if it did not exist; one it may read but
 * not change is 403.
 */
@Component
public class ShardAccess {

    public static final String READ = "read";
    public static final String WRITE = "write";
    /** What members and viewers may do with a type that has no setting of its own. */
    public static final Map<String, Set<String>> DEFAULTS = defaults();

    private final TypePermissions typePermissions;
    private final Shards shards;

    ShardAccess(TypePermissions typePermissions, Shards shards) {
        this.typePermissions = typePermissions;
        this.shards = shards;
    }

    /**
     * The shard the actor of {@code rules} may read, by id, as stored now; empty when it does not
     * exist or is hidden from them. For consumers that know a shard only by its id (a relationship
     * event names its two ends). Needs the tenant's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY, readOnly = true)
    public Optional<Shard> readable(Rules rules, UUID shardId) {
        return shards.find(rules.actor().tenantId(), shardId, false).filter(rules::canRead);
    }

    /**
     * The actor's rules, loaded once (one small query for members and viewers, none for owners
     * and admins) and then applied to any number of shards. Needs the tenant's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY, readOnly = true)
    public Rules rules(Actor actor) {
        if (actor.has(Role.ADMIN)) {
            return new Rules(actor, null, Map.of());
        }
        String role = roleOf(actor);
        return new Rules(actor, role, typePermissions.forRole(actor.tenantId(), role));
    }

    /** Throws 404 unless the actor may read the shard. */
    public void requireRead(Actor actor, Shard shard) {
        rules(actor).requireRead(shard);
    }

    /** Throws 404 unless the actor may read the shard, 403 unless it may also change it. */
    public void requireWrite(Actor actor, Shard shard) {
        rules(actor).requireWrite(shard);
    }

    /** The condition that keeps a list to the shards the actor may read; {@code alias} names the shards table. */
    ReadFilter readFilter(Actor actor, String alias) {
        return rules(actor).readFilter(alias);
    }

    /** The role whose type permissions apply: {@code member} or {@code viewer} (owners and admins have none). */
    static String roleOf(Actor actor) {
        return actor.has(Role.MEMBER) ? Role.MEMBER.wireName() : Role.VIEWER.wireName();
    }

    /** One actor's rules: an unrestricted one (owner, admin) or a role with its type overrides. */
    public static final class Rules {

        private final Actor actor;
        private final String role;
        private final Map<String, Set<String>> typeOverrides;

        private Rules(Actor actor, String role, Map<String, Set<String>> typeOverrides) {
            this.actor = actor;
            this.role = role;
            this.typeOverrides = typeOverrides;
        }

        public Actor actor() {
            return actor;
        }

        public boolean unrestricted() {
            return role == null;
        }

        /** Whether the actor's role may read shards of the type (acl aside). */
        public boolean mayReadType(String shardType) {
            return unrestricted() || typePermissions(shardType).contains(READ);
        }

        /** Whether the actor's role may create and change shards of the type (acl aside). */
        public boolean mayWriteType(String shardType) {
            return unrestricted() || actor.has(Role.MEMBER) && typePermissions(shardType).contains(WRITE);
        }

        public boolean canRead(Shard shard) {
            return unrestricted() || mayReadType(shard.shardType()) && aclAllows(shard, READ);
        }

        public boolean canWrite(Shard shard) {
            return unrestricted() || canRead(shard) && mayWriteType(shard.shardType()) && aclAllows(shard, WRITE);
        }

        public void requireRead(Shard shard) {
            if (!canRead(shard)) {
                throw ApiException.notFound("Shard", shard.id());
            }
        }

        public void requireWrite(Shard shard) {
            requireRead(shard);
            if (!canWrite(shard)) {
                throw ApiException.forbidden("You may read shard " + shard.id() + " but not change it");
            }
        }

        /** Throws 403 unless the actor's role may create shards of the type. */
        public void requireCreate(String shardType) {
            if (!mayWriteType(shardType)) {
                throw ApiException.forbidden("Your role may not create or change shards of type " + shardType);
            }
        }

        /**
         * The list condition, for the table aliased {@code alias}: the few types the role may not
         * read are left out, and so are shards whose acl does not let the actor read them.
         */
        ReadFilter readFilter(String alias) {
            if (unrestricted()) {
                return ReadFilter.NONE;
            }
            List<String> hidden = typeOverrides.entrySet().stream().filter(e -> !e.getValue().contains(READ)).map(Map.Entry::getKey)
                    .sorted().toList();
            return ReadFilter.of(alias, actor.userId(), hidden);
        }

        private Set<String> typePermissions(String shardType) {
            Set<String> override = typeOverrides.get(shardType);
            return override != null ? override : DEFAULTS.get(role);
        }

        private boolean aclAllows(Shard shard, String permission) {
            JsonNode acl = shard.acl();
            if (acl == null || !acl.isArray() || acl.isEmpty() || actor.userId().equals(shard.createdBy())) {
                return true;
            }
            String user = actor.userId().toString();
            for (JsonNode entry : acl) {
                if (user.equals(entry.path("userId").asString(""))) {
                    for (JsonNode granted : entry.path("permissions")) {
                        if (permission.equals(granted.asString(""))) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }

    private static Map<String, Set<String>> defaults() {
        Map<String, Set<String>> defaults = new LinkedHashMap<>();
        defaults.put(Role.MEMBER.wireName(), Set.of(READ, WRITE));
        defaults.put(Role.VIEWER.wireName(), Set.of(READ));
        return Map.copyOf(defaults);
    }
}
