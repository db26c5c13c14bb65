package io.castiel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ApiKeyTests extends CastielTest {

    @Test
    void aKeyIsShownOnceAndActsAsItsCreatorWithItsRoles() {
        TestTenant tenant = newTenant();
        JsonNode account = tenant.account("Readable");

        Api.Response created = tenant.api().post("api-keys", key("reporting", "viewer"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode body = created.json();
        String key = body.get("key").asString();
        assertThat(key).startsWith("ck_").hasSize(46);
        assertThat(body.get("name").asString()).isEqualTo("reporting");
        assertThat(body.at("/roles/0").asString()).isEqualTo("viewer");
        assertThat(body.get("prefix").asString()).isEqualTo(key.substring(0, 8));
        assertThat(body.get("expiresAt").isNull()).isTrue();
        assertThat(body.get("createdAt").asString()).endsWith("Z");
        Api keyed = anonymous.withToken(key);
        assertThat(keyed.get("me").json().at("/user/id").asString()).isEqualTo(tenant.ownerId().toString());
        assertThat(keyed.get("shards/" + account.get("id").asString()).status()).isEqualTo(200);
        Api.Response write = keyed.post("shards", Api.object().put("shardType", "c_account").set("structuredData", Api.object().put("name", "No")));
        assertThat(write.status()).as("a viewer key cannot write").isEqualTo(403);
        assertThat(keyed.patch("tenant", Api.object().put("name", "Renamed")).status()).isEqualTo(403);
    }

    @Test
    void aWritingKeyWritesAsItsCreator() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        String key = member.api().post("api-keys", key("sync", "member")).json().get("key").asString();

        Api.Response write = anonymous.withToken(key).post("shards", Api.object().put("shardType", "c_account")
                .set("structuredData", Api.object().put("name", "Via key")));

        assertThat(write.status()).as(write.toString()).isEqualTo(201);
        assertThat(write.json().get("createdBy").asString()).isEqualTo(member.id().toString());
    }

    @Test
    void nobodyMakesAKeyAboveTheirOwnRole() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        TestTenant.Member admin = addUser(tenant, "admin");
        TestTenant.Member viewer = addUser(tenant, "viewer");

        assertThat(member.api().post("api-keys", key("escalate", "admin")).status()).isEqualTo(403);
        assertThat(member.api().post("api-keys", key("escalate", "owner")).status()).isEqualTo(403);
        assertThat(admin.api().post("api-keys", key("escalate", "owner")).status()).isEqualTo(403);
        assertThat(viewer.api().post("api-keys", key("escalate", "member")).status()).isEqualTo(403);
        assertThat(viewer.api().post("api-keys", key("read", "viewer")).status()).isEqualTo(201);
        assertThat(admin.api().post("api-keys", key("admin", "admin")).status()).isEqualTo(201);
        assertThat(tenant.api().post("api-keys", key("owner", "owner")).status()).isEqualTo(201);
    }

    @Test
    void anApiKeyCannotMakeMoreKeys() {
        TestTenant tenant = newTenant();
        String key = tenant.api().post("api-keys", key("root", "owner")).json().get("key").asString();

        Api.Response response = anonymous.withToken(key).post("api-keys", key("child", "viewer"));

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void aKeyOfOneTenantSeesNothingOfAnother() {
        TestTenant tenantA = newTenant();
        TestTenant tenantB = newTenant();
        JsonNode foreign = tenantB.account("Secret");
        String key = tenantA.api().post("api-keys", key("a", "owner")).json().get("key").asString();
        Api keyed = anonymous.withToken(key);

        assertThat(keyed.get("shards/" + foreign.get("id").asString()).status()).isEqualTo(404);
        assertThat(keyed.patch("shards/" + foreign.get("id").asString(), Api.object().set("structuredData", Api.object().put("name", "Mine")))
                .status()).isEqualTo(404);
        assertThat(keyed.delete("shards/" + foreign.get("id").asString()).status()).isEqualTo(404);
        assertThat(keyed.get("users/" + tenantB.ownerId()).status()).isEqualTo(404);
        assertThat(tenantB.api().get("shards/" + foreign.get("id").asString()).status()).isEqualTo(200);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        TestTenant tenant = newTenant();
        JsonNode created = tenant.api().post("api-keys", key("temp", "member")).json();
        Api keyed = anonymous.withToken(created.get("key").asString());
        assertThat(keyed.get("me").status()).isEqualTo(200);

        Api.Response revoked = tenant.api().delete("api-keys/" + created.get("id").asString());

        assertThat(revoked.status()).isEqualTo(204);
        Api.Response after = keyed.get("me");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.contentType()).startsWith("application/problem+json");
        assertThat(tenant.api().get("api-keys").json().get("items")).isEmpty();
        assertThat(tenant.api().delete("api-keys/" + created.get("id").asString()).status()).as("again: no-op").isEqualTo(204);
        JsonNode audit = tenant.api().get("audit-logs?resourceType=api_key").json().get("items");
        assertThat(audit.findValuesAsString("action")).containsExactly("auth.api_key_refused", "apikey.revoked", "apikey.created");
        assertThat(audit.at("/0/changes/reason").asString()).isEqualTo("revoked");
    }

    @Test
    void anExpiredKeyIsRefused() {
        TestTenant tenant = newTenant();
        JsonNode created = tenant.api().post("api-keys", key("short-lived", "viewer")
                .put("expiresAt", Instant.now().plus(1, ChronoUnit.HOURS).toString())).json();
        assertThat(created.get("expiresAt").isString()).isTrue();
        tenants.inTenant(tenant.id(), () -> jdbc.sql("update api_keys set expires_at = ? where id = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(1)), UUID.fromString(created.get("id").asString())).update());

        Api.Response response = anonymous.withToken(created.get("key").asString()).get("me");

        assertThat(response.status()).isEqualTo(401);
        JsonNode audit = tenant.api().get("audit-logs?action=auth.api_key_refused").json().get("items");
        assertThat(audit).hasSize(1);
        assertThat(audit.at("/0/resourceId").asString()).isEqualTo(created.get("id").asString());
        assertThat(audit.at("/0/changes/reason").asString()).isEqualTo("expired");
    }

    @Test
    void unknownAndMalformedKeysAreRefused() {
        String unknown = "ck_" + "A".repeat(43);

        assertThat(anonymous.withToken(unknown).get("me").status()).isEqualTo(401);
        assertThat(anonymous.withToken("ck_short").get("me").status()).isEqualTo(401);
        assertThat(anonymous.withToken("ck_" + "A".repeat(42) + "~").get("me").status()).isEqualTo(401);
        assertThat(anonymous.withToken(unknown).get("me").contentType()).startsWith("application/problem+json");
    }

    @Test
    void listsShowKeysWithoutTheirSecret() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        JsonNode mine = member.api().post("api-keys", key("mine", "viewer")).json();
        JsonNode owners = tenant.api().post("api-keys", key("owners", "admin")).json();
        anonymous.withToken(mine.get("key").asString()).get("me");

        JsonNode memberList = member.api().get("api-keys").json();
        JsonNode ownerList = tenant.api().get("api-keys").json();

        assertThat(memberList.get("items")).hasSize(1);
        JsonNode item = memberList.at("/items/0");
        assertThat(item.get("id").asString()).isEqualTo(mine.get("id").asString());
        assertThat(item.has("key")).isFalse();
        assertThat(item.toString()).doesNotContain(mine.get("key").asString());
        assertThat(item.get("prefix").asString()).isEqualTo(mine.get("prefix").asString());
        assertThat(item.get("userId").asString()).isEqualTo(member.id().toString());
        assertThat(item.get("lastUsedAt").isString()).as("used once").isTrue();
        assertThat(ownerList.get("items").findValuesAsString("id")).containsExactly(mine.get("id").asString(), owners.get("id").asString());
        assertThat(ownerList.at("/items/1/lastUsedAt").isNull()).isTrue();
        assertThat(member.api().delete("api-keys/" + owners.get("id").asString()).status()).as("not theirs").isEqualTo(404);
        assertThat(tenant.api().delete("api-keys/" + mine.get("id").asString()).status()).as("admins revoke any").isEqualTo(204);
        assertThat(tenant.api().get("api-keys?limit=0").status()).isEqualTo(400);
    }

    @Test
    void lastUsedAtIsWrittenAtMostOncePerMinute() {
        TestTenant tenant = newTenant();
        JsonNode created = tenant.api().post("api-keys", key("busy", "viewer")).json();
        Api keyed = anonymous.withToken(created.get("key").asString());
        UUID id = UUID.fromString(created.get("id").asString());

        keyed.get("me");
        Timestamp first = lastUsed(tenant, id);
        keyed.get("me");
        keyed.get("me");
        Timestamp later = lastUsed(tenant, id);

        assertThat(first).isNotNull();
        assertThat(later).isEqualTo(first);
    }

    @Test
    void aKeyNeverActsAboveItsCreatorsCurrentRole() {
        TestTenant tenant = newTenant();
        TestTenant.Member admin = addUser(tenant, "admin");
        String key = admin.api().post("api-keys", key("automation", "admin")).json().get("key").asString();
        Api keyed = anonymous.withToken(key);
        assertThat(keyed.post("shards", Api.object().put("shardType", "c_account").set("structuredData", Api.object().put("name", "Yes")))
                .status()).isEqualTo(201);

        ObjectNode demote = Api.object();
        demote.putArray("roles").add("viewer");
        assertThat(tenant.api().patch("users/" + admin.id(), demote).status()).isEqualTo(200);

        assertThat(keyed.post("shards", Api.object().put("shardType", "c_account").set("structuredData", Api.object().put("name", "No")))
                .status()).isEqualTo(403);
        assertThat(keyed.get("me").status()).isEqualTo(200);
    }

    @Test
    void keyCreationIsAuditedWithoutTheSecret() {
        TestTenant tenant = newTenant();
        JsonNode created = tenant.api().post("api-keys", key("audited", "member")).json();

        JsonNode audit = tenant.api().get("audit-logs?action=apikey.created").json().get("items");

        assertThat(audit).hasSize(1);
        assertThat(audit.at("/0/resourceId").asString()).isEqualTo(created.get("id").asString());
        assertThat(audit.toString()).doesNotContain(created.get("key").asString());
        byte[] stored = tenants.inTenant(tenant.id(), () -> jdbc.sql("select key_hash from api_keys where id = ?")
                .param(UUID.fromString(created.get("id").asString())).query(byte[].class).single());
        assertThat(stored).hasSize(32);
    }

    @Test
    void badKeyRequestsAreClearBadRequests() {
        TestTenant tenant = newTenant();

        Api.Response noName = tenant.api().post("api-keys", Api.object().set("roles", Api.parse("[\"viewer\"]")));
        Api.Response noRoles = tenant.api().post("api-keys", Api.object().put("name", "x"));
        Api.Response unknownRole = tenant.api().post("api-keys", key("x", "root"));
        Api.Response pastExpiry = tenant.api().post("api-keys", key("x", "viewer").put("expiresAt", "2020-01-01T00:00:00Z"));
        Api.Response badExpiry = tenant.api().post("api-keys", key("x", "viewer").put("expiresAt", "tomorrow"));
        Api.Response unknownField = tenant.api().post("api-keys", key("x", "viewer").put("scopes", "all"));

        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().at("/errors/0/pointer").asString()).isEqualTo("/name");
        assertThat(noRoles.status()).isEqualTo(400);
        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(unknownRole.json().at("/errors/0/pointer").asString()).isEqualTo("/roles/0");
        assertThat(pastExpiry.status()).isEqualTo(400);
        assertThat(badExpiry.status()).isEqualTo(400);
        assertThat(badExpiry.json().at("/errors/0/pointer").asString()).isEqualTo("/expiresAt");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(tenant.api().delete("api-keys/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    private Timestamp lastUsed(TestTenant tenant, UUID id) {
        return tenants.inTenant(tenant.id(), () -> jdbc.sql("select last_used_at from api_keys where id = ?").param(id)
                .query(Timestamp.class).single());
    }

    private static ObjectNode key(String name, String role) {
        ObjectNode body = Api.object().put("name", name);
        body.putArray("roles").add(role);
        return body;
    }
}
