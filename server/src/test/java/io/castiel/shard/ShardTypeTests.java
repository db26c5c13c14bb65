package io.castiel.shard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ShardTypeTests extends CastielTest {

    @Test
    void elevenSystemTypesAreVisibleToEveryTenant() {
        TestTenant tenant = newTenant();

        JsonNode types = tenant.api().get("shard-types").json().get("items");
        List<String> names = new ArrayList<>();
        types.forEach(t -> names.add(t.get("name").asString()));

        assertThat(names).contains("c_account", "c_contact", "c_opportunity", "c_note", "c_document", "c_email", "c_call",
                "c_meeting", "c_task", "c_product", "c_competitor");
        assertThat(names.stream().filter(n -> n.startsWith("c_"))).hasSize(11);
    }

    @Test
    void opportunityHasTheDocumentedFields() {
        TestTenant tenant = newTenant();

        JsonNode type = tenant.api().get("shard-types/c_opportunity").json();

        assertThat(type.get("system").asBoolean()).isTrue();
        assertThat(type.at("/schema/properties").propertyNames()).contains("name", "amount", "currency", "stage", "closeDate",
                "probability", "accountId");
        assertThat(type.at("/schema/required/0").asString()).isEqualTo("name");
        assertThat(type.at("/effectiveSchema/properties/probability/maximum").asInt()).isEqualTo(100);
        assertThat(tenant.api().get("shard-types/c_account").json().at("/schema/properties").propertyNames())
                .contains("name", "industry", "website", "employees", "annualRevenue", "country");
    }

    @Test
    void systemTypesCannotBeChangedOrDeleted() {
        TestTenant tenant = newTenant();

        Api.Response put = tenant.api().put("shard-types/c_account", definition("c_account", null, Api.object().put("type", "object")));
        Api.Response delete = tenant.api().delete("shard-types/c_account");

        assertThat(put.status()).isEqualTo(409);
        assertThat(delete.status()).isEqualTo(409);
    }

    @Test
    void childTypeInheritsItsParentsSchema() {
        TestTenant tenant = newTenant();
        ObjectNode schema = Api.object().put("type", "object");
        schema.putObject("properties").putObject("segment").put("type", "string");
        schema.putArray("required").add("segment");

        Api.Response created = tenant.api().post("shard-types", definition("enterprise_account", "c_account", schema));
        JsonNode effective = tenant.api().get("shard-types/enterprise_account").json().get("effectiveSchema");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/shard-types/enterprise_account");
        assertThat(effective.get("properties").propertyNames()).contains("name", "industry", "segment");
        assertThat(effective.get("required").toString()).contains("name", "segment");

        Api.Response missingParentField = tenant.api().post("shards", Api.object().put("shardType", "enterprise_account")
                .set("structuredData", Api.object().put("segment", "EMEA")));
        assertThat(missingParentField.status()).isEqualTo(422);
        assertThat(missingParentField.json().at("/errors/0/pointer").asString()).isEqualTo("/structuredData/name");
        assertThat(tenant.createShard("enterprise_account", Api.object().put("name", "Big Co").put("segment", "EMEA"))
                .get("shardType").asString()).isEqualTo("enterprise_account");
    }

    @Test
    void invalidDefinitionsAreRejectedWithPointers() {
        TestTenant tenant = newTenant();

        Api.Response badName = tenant.api().post("shard-types", definition("Bad-Name", null, Api.object()));
        Api.Response reserved = tenant.api().post("shard-types", definition("c_mine", null, Api.object()));
        Api.Response badSchema = tenant.api().post("shard-types", definition("bad_schema", null, Api.object().put("minLength", "x")));
        Api.Response remoteRef = tenant.api().post("shard-types", definition("remote_ref", null,
                Api.object().put("$ref", "http://169.254.169.254/latest/meta-data")));
        Api.Response unknownParent = tenant.api().post("shard-types", definition("orphan", "no_such_type", Api.object()));

        assertThat(badName.status()).isEqualTo(400);
        assertThat(reserved.status()).isEqualTo(409);
        assertThat(badSchema.status()).isEqualTo(422);
        assertThat(badSchema.json().at("/errors/0/pointer").asString()).startsWith("/schema");
        assertThat(remoteRef.status()).isEqualTo(422);
        assertThat(remoteRef.json().at("/errors/0/pointer").asString()).isEqualTo("/schema/$ref");
        assertThat(unknownParent.status()).isEqualTo(422);
        assertThat(unknownParent.json().at("/errors/0/pointer").asString()).isEqualTo("/parentType");
    }

    @Test
    void duplicateNamesConflict() {
        TestTenant tenant = newTenant();
        tenant.api().post("shard-types", definition("ticket", null, Api.object().put("type", "object")));

        assertThat(tenant.api().post("shard-types", definition("ticket", null, Api.object().put("type", "object"))).status()).isEqualTo(409);
    }

    @Test
    void inheritanceCyclesAreRejected() {
        TestTenant tenant = newTenant();
        tenant.api().post("shard-types", definition("base_thing", null, Api.object().put("type", "object")));
        tenant.api().post("shard-types", definition("derived_thing", "base_thing", Api.object().put("type", "object")));

        Api.Response cycle = tenant.api().put("shard-types/base_thing", definition("base_thing", "derived_thing", Api.object().put("type", "object")));

        assertThat(cycle.status()).isEqualTo(422);
        assertThat(cycle.json().at("/errors/0/pointer").asString()).isEqualTo("/parentType");
    }

    @Test
    void aChangeThatExistingShardsWouldFailConflictsUnlessForced() {
        TestTenant tenant = newTenant();
        tenant.api().post("shard-types", definition("gadget", null, Api.object().put("type", "object")));
        tenant.createShard("gadget", Api.object().put("label", "no weight"));
        ObjectNode stricter = Api.object().put("type", "object");
        stricter.putArray("required").add("weight");

        Api.Response refused = tenant.api().put("shard-types/gadget", definition("gadget", null, stricter));
        Api.Response forced = tenant.api().put("shard-types/gadget?force=true", definition("gadget", null, stricter));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(forced.status()).isEqualTo(200);
        assertThat(forced.json().at("/schema/required/0").asString()).isEqualTo("weight");
    }

    @Test
    void aCompatibleChangeIsApplied() {
        TestTenant tenant = newTenant();
        tenant.api().post("shard-types", definition("widget", null, Api.object().put("type", "object")));
        tenant.createShard("widget", Api.object().put("label", "ok"));
        ObjectNode looser = Api.object().put("type", "object");
        looser.putObject("properties").putObject("label").put("type", "string");

        Api.Response changed = tenant.api().put("shard-types/widget", definition("widget", null, looser).put("displayName", "Widget"));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("displayName").asString()).isEqualTo("Widget");
        assertThat(tenant.api().get("audit-logs?action=shardtype.updated").json().get("items")).hasSize(1);
    }

    @Test
    void aTypeInUseOrExtendedCannotBeDeleted() {
        TestTenant tenant = newTenant();
        tenant.api().post("shard-types", definition("used_type", null, Api.object().put("type", "object")));
        tenant.api().post("shard-types", definition("parent_type", null, Api.object().put("type", "object")));
        tenant.api().post("shard-types", definition("child_type", "parent_type", Api.object().put("type", "object")));
        tenant.api().post("shard-types", definition("unused_type", null, Api.object().put("type", "object")));
        JsonNode shard = tenant.createShard("used_type", Api.object());
        tenant.api().delete("shards/" + shard.get("id").asString());

        assertThat(tenant.api().delete("shard-types/used_type").status()).as("soft-deleted shards still count").isEqualTo(409);
        assertThat(tenant.api().delete("shard-types/parent_type").status()).isEqualTo(409);
        assertThat(tenant.api().delete("shard-types/unused_type").status()).isEqualTo(204);
        assertThat(tenant.api().get("shard-types/unused_type").status()).isEqualTo(404);
    }

    @Test
    void onlyAdminsManageTypes() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        TestTenant.Member viewer = addUser(tenant, "viewer");

        assertThat(member.api().post("shard-types", definition("members_type", null, Api.object())).status()).isEqualTo(403);
        assertThat(viewer.api().get("shard-types").status()).isEqualTo(200);
        assertThat(viewer.api().get("shard-types/c_note").status()).isEqualTo(200);
    }

    @Test
    void aShardWrittenDuringASchemaChangeIsValidatedAgainstTheNewSchema() throws Exception {
        TestTenant tenant = newTenant();
        tenant.api().post("shard-types", definition("crate", null, Api.object().put("type", "object")));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Api.Response> write = tenants.inTenant(tenant.id(), () -> {
                // A schema change in progress: the type's row is changed and locked until commit.
                jdbc.sql("update shard_types set schema = '{\"type\":\"object\",\"required\":[\"weight\"]}' where tenant_id = ? and name = 'crate'")
                        .param(tenant.id()).update();
                Future<Api.Response> pending = executor.submit(() -> tenant.api().post("shards",
                        Api.object().put("shardType", "crate").set("structuredData", Api.object().put("label", "no weight"))));
                awaitWaitingOnALock();
                return pending;
            });

            assertThat(write.get(30, TimeUnit.SECONDS).status()).isEqualTo(422);
        } finally {
            executor.shutdownNow();
        }
    }

    /** Polls until another session of the request role waits on a lock (at most ~6 s). */
    private void awaitWaitingOnALock() {
        for (int i = 0; i < 300; i++) {
            Long waiting = jdbc.sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock' and usename = current_user")
                    .query(Long.class).single();
            if (waiting > 0) {
                return;
            }
            jdbc.sql("select pg_sleep(0.02)").query(String.class).single();
        }
        throw new AssertionError("the shard write never waited for the type's lock");
    }

    private static ObjectNode definition(String name, String parent, ObjectNode schema) {
        ObjectNode body = Api.object().put("name", name);
        if (parent != null) {
            body.put("parentType", parent);
        }
        body.set("schema", schema);
        return body;
    }
}
