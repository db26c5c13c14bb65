package io.castiel.realtime.internal;

import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** A message for every socket of one user, on whichever node it is open (a new notification, say). */
record UserPush(UUID tenantId, UUID userId, JsonNode message) {
}
