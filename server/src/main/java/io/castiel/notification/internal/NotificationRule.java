package io.castiel.notification.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.castiel.shard.ShardFilter;

/**
 * "Notify me when a shard of type {@code shardType} matching {@code where} is created/updated":
 * one user's rule, as the API shows it. {@code filter} is {@code where} parsed once.
 */
public record NotificationRule(UUID id, String name, String shardType, List<String> events, List<String> where, Instant createdAt,
        @JsonIgnore UUID userId, @JsonIgnore ShardFilter filter) {
}
