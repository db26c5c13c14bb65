package io.castiel.support;

import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A tenant registered by a test, with its owner's API client and a few shortcuts. */
public record TestTenant(CastielTest test, UUID id, String slug, UUID ownerId, String ownerEmail, Api api, String refreshToken) {

    public static final String PASSWORD = "correct horse battery staple";

    /** Another user of the tenant. */
    public record Member(UUID id, String email, Api api) {
    }

    public JsonNode createShard(String type, ObjectNode structuredData) {
        Api.Response response = api.post("shards", Api.object().put("shardType", type).set("structuredData", structuredData));
        if (response.status() != 201) {
            throw new IllegalStateException("create failed: " + response);
        }
        return response.json();
    }

    public JsonNode account(String name) {
        return createShard("c_account", Api.object().put("name", name));
    }

    public String link(JsonNode source, JsonNode target, String type) {
        Api.Response response = api.post("relationships", Api.object().put("sourceId", source.get("id").asString())
                .put("targetId", target.get("id").asString()).put("type", type));
        if (response.status() != 201) {
            throw new IllegalStateException("link failed: " + response);
        }
        return response.json().get("id").asString();
    }
}
