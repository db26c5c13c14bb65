package io.castiel.webhook.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.castiel.platform.ApiException;
import io.castiel.dashboard.DashboardCreated;
import io.castiel.dashboard.DashboardDeleted;
import io.castiel.dashboard.DashboardUpdated;
import io.castiel.identity.UserCreated;
import io.castiel.identity.UserDeleted;
import io.castiel.shard.RelationshipCreated;
import io.castiel.shard.RelationshipDeleted;
import io.castiel.shard.ShardCreated;
import io.castiel.shard.ShardDeleted;
import io.castiel.shard.ShardRestored;
import io.castiel.shard.ShardTypeCreated;
import io.castiel.shard.ShardTypeDeleted;
import io.castiel.shard.ShardTypeUpdated;
import io.castiel.shard.ShardUpdated;

/**
 * An endpoint's event filter: exact event types of API.md, {@code *} for all, or a prefix
 * wildcard such as {@code shard.*} or {@code integration.*} that must cover at least one known type.
 */
final class EventFilters {

    /**
     * {@code integration.sync.completed} is in API.md's list, so endpoints may subscribe to it now;
     * the integrations module (issue 21) is what will publish it.
     */
    private static final String INTEGRATION_SYNC_COMPLETED = "integration.sync.completed";

    static final Set<String> TYPES = Set.of(ShardCreated.TYPE, ShardUpdated.TYPE, ShardDeleted.TYPE, ShardRestored.TYPE,
            RelationshipCreated.TYPE, RelationshipDeleted.TYPE, ShardTypeCreated.TYPE, ShardTypeUpdated.TYPE, ShardTypeDeleted.TYPE,
            UserCreated.TYPE, UserDeleted.TYPE, INTEGRATION_SYNC_COMPLETED, DashboardCreated.TYPE, DashboardUpdated.TYPE,
            DashboardDeleted.TYPE);

    private EventFilters() {
    }

    /** The validated, de-duplicated filters (400 with a pointer to the bad entry otherwise). */
    static List<String> parse(List<String> filters) {
        if (filters == null || filters.isEmpty()) {
            throw ApiException.badRequest("events must list at least one event type (or \"*\")", "/events");
        }
        if (filters.size() > 50) {
            throw ApiException.badRequest("events may list at most 50 entries", "/events");
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < filters.size(); i++) {
            String filter = filters.get(i);
            if (filter == null || !known(filter)) {
                throw ApiException.badRequest("Unknown event type " + (filter == null ? "null" : "'" + truncate(filter) + "'")
                        + ": use one of " + TYPES.stream().sorted().toList() + ", a wildcard such as shard.*, or *", "/events/" + i);
            }
            out.add(filter);
        }
        return new ArrayList<>(out);
    }

    static boolean matches(List<String> filters, String type) {
        for (String filter : filters) {
            if (filter.equals("*") || filter.equals(type)
                    || (filter.endsWith(".*") && type.startsWith(filter.substring(0, filter.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean known(String filter) {
        if (filter.equals("*") || TYPES.contains(filter)) {
            return true;
        }
        return filter.endsWith(".*") && filter.length() > 2 && TYPES.stream().anyMatch(t -> matches(List.of(filter), t));
    }

    private static String truncate(String value) {
        return value.length() > 100 ? value.substring(0, 100) + "..." : value;
    }
}
