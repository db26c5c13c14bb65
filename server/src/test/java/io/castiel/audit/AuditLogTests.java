package io.castiel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.castiel.platform.internal.EmbeddedSuperuser;
import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

class AuditLogTests extends CastielTest {

    @Autowired
    ApplicationContext context;

    @Test
    void everyWriteAppendsAnAuditRow() {
        TestTenant tenant = newTenant();
        JsonNode account = tenant.account("Audited");
        JsonNode contact = tenant.createShard("c_contact", Api.object().put("lastName", "Lovelace"));
        String id = account.get("id").asString();
        tenant.api().patch("shards/" + id, Api.object().set("structuredData", Api.object().put("industry", "Energy")));
        String relationship = tenant.link(account, contact, "has_contact");
        tenant.api().delete("relationships/" + relationship);
        tenant.api().delete("shards/" + id);
        tenant.api().post("shards/" + id + "/restore", null);
        tenant.api().post("shard-types", Api.object().put("name", "audited_type").set("schema", Api.object().put("type", "object")));

        List<String> actions = actions(tenant.api().get("audit-logs?limit=100").json());

        assertThat(actions).contains("tenant.created", "user.created", "shard.created", "shard.updated", "relationship.created",
                "relationship.deleted", "shard.deleted", "shard.restored", "shardtype.created");
    }

    @Test
    void filtersSelectRows() {
        TestTenant tenant = newTenant();
        JsonNode account = tenant.account("Filtered");
        String id = account.get("id").asString();
        tenant.api().patch("shards/" + id, Api.object().set("structuredData", Api.object().put("industry", "Energy")));
        tenant.account("Other");

        JsonNode byResource = tenant.api().get("audit-logs?resourceType=shard&resourceId=" + id).json();
        JsonNode byAction = tenant.api().get("audit-logs?action=shard.created").json();
        JsonNode byActor = tenant.api().get("audit-logs?actorId=" + tenant.ownerId()).json();
        JsonNode future = tenant.api().get("audit-logs?from=2999-01-01T00:00:00Z").json();
        JsonNode past = tenant.api().get("audit-logs?to=2000-01-01T00:00:00Z").json();

        assertThat(actions(byResource)).containsExactly("shard.updated", "shard.created");
        assertThat(byResource.at("/items/0/changes/patch/structuredData/industry").asString()).isEqualTo("Energy");
        assertThat(byResource.at("/items/0/actorId").asString()).isEqualTo(tenant.ownerId().toString());
        assertThat(byResource.at("/items/0/occurredAt").asString()).endsWith("Z");
        assertThat(actions(byAction)).containsExactly("shard.created", "shard.created");
        assertThat(byActor.get("items").size()).isGreaterThanOrEqualTo(4);
        assertThat(future.get("items")).isEmpty();
        assertThat(past.get("items")).isEmpty();
    }

    @Test
    void pagesWithACursor() {
        TestTenant tenant = newTenant();
        for (int i = 0; i < 5; i++) {
            tenant.account("Paged " + i);
        }
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = tenant.api().get("audit-logs?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(item -> ids.add(item.get("id").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(ids).hasSize(7).doesNotHaveDuplicates();
    }

    @Test
    void untouchedChainVerifies() {
        TestTenant tenant = newTenant();
        tenant.account("One");
        tenant.account("Two");

        JsonNode verification = tenant.api().get("audit-logs/verify").json();

        assertThat(verification.get("valid").asBoolean()).isTrue();
        assertThat(verification.get("checked").asLong()).isEqualTo(4);
    }

    @Test
    void tamperingInTheDatabaseIsDetected() {
        TestTenant tenant = newTenant();
        JsonNode account = tenant.account("Evidence");
        tenant.account("After");
        JdbcClient superuser = JdbcClient.create(EmbeddedSuperuser.dataSource(context));
        String rowId = superuser.sql("select id::text from audit_log where tenant_id = ? and resource_id = ?")
                .params(tenant.id(), account.get("id").asString()).query(String.class).single();

        superuser.sql("update audit_log set changes = '{\"shardType\":\"c_note\"}' where id = cast(? as uuid)").param(rowId).update();
        JsonNode verification = tenant.api().get("audit-logs/verify").json();

        assertThat(verification.get("valid").asBoolean()).isFalse();
        assertThat(verification.get("firstBrokenId").asString()).isEqualTo(rowId);
    }

    @Test
    void deletingTheNewestRowsIsDetected() {
        TestTenant tenant = newTenant();
        tenant.account("Kept");
        JsonNode removed = tenant.account("Removed");
        JdbcClient superuser = JdbcClient.create(EmbeddedSuperuser.dataSource(context));

        superuser.sql("delete from audit_log where tenant_id = ? and resource_id = ?").params(tenant.id(), removed.get("id").asString()).update();

        assertThat(tenant.api().get("audit-logs/verify").json().get("valid").asBoolean()).isFalse();
    }

    @Test
    void onlyAdminsReadTheAuditLog() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        TestTenant.Member admin = addUser(tenant, "admin");

        assertThat(member.api().get("audit-logs").status()).isEqualTo(403);
        assertThat(member.api().get("audit-logs/verify").status()).isEqualTo(403);
        assertThat(admin.api().get("audit-logs").status()).isEqualTo(200);
    }

    private static List<String> actions(JsonNode page) {
        List<String> actions = new ArrayList<>();
        page.get("items").forEach(item -> actions.add(item.get("action").asString()));
        return actions;
    }
}
