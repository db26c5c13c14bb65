package io.castiel.realtime.internal;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One subscription of a socket: event type patterns ({@code *}, {@code shard.*} or an exact type)
 * and, optionally, shard types. An event matches when its type matches a pattern and, if shard
 * types are given, it concerns one of them (a shard's type, a shard type's name, either end of a
 * relationship); events that concern no shard type (users) then never match.
 */
record Subscription(String id, List<String> events, Set<String> shardTypes) {

    /** What a client may name: {@code *}, {@code shard.*}, {@code shard.created}. */
    static final Pattern EVENT_PATTERN = Pattern.compile("\\*|[a-z]+(\\.[a-z]+)*(\\.\\*)?");

    boolean matchesType(String eventType) {
        for (String pattern : events) {
            if (pattern.equals("*") || pattern.equals(eventType)
                    || pattern.endsWith(".*") && eventType.startsWith(pattern.substring(0, pattern.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    boolean matches(String eventType, Collection<String> concernedTypes) {
        return matchesType(eventType) && (shardTypes.isEmpty() || concernedTypes.stream().anyMatch(shardTypes::contains));
    }

    /** Whether it has the same filters (what {@code unsubscribe} without an id names). */
    boolean sameFilters(List<String> otherEvents, Set<String> otherShardTypes) {
        return Set.copyOf(events).equals(Set.copyOf(otherEvents)) && shardTypes.equals(otherShardTypes);
    }
}
