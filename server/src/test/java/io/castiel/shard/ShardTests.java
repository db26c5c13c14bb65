package io.castiel.shard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Shards over HTTP: create, read, merge-patch, delete and restore, bulk, revisions, idempotency, lists. */
class ShardTests extends CastielTest {

    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    // ---------------------------------------------------------------- create and get

    @Test
    void createAnswers201WithLocationEtagAndTheShard() {
        TestTenant tenant = newTenant();

        Api.Response response = tenant.api().post("shards", """
                {"shardType": "c_account", "structuredData": {"name": "Acme", "industry": "Manufacturing"},
                 "unstructuredData": {"text": "A long-standing customer"}, "metadata": {"tags": ["key-account"]}}""");

        assertThat(response.status()).isEqualTo(201);
        JsonNode shard = response.json();
        String id = shard.get("id").asString();
        assertThat(response.header("Location")).endsWith("/api/v1/shards/" + id);
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
        assertThat(shard.get("tenantId").asString()).isEqualTo(tenant.id().toString());
        assertThat(shard.get("createdBy").asString()).isEqualTo(tenant.ownerId().toString());
        assertThat(shard.get("shardType").asString()).isEqualTo("c_account");
        assertThat(shard.get("revision").asInt()).isEqualTo(1);
        assertThat(shard.get("status").asString()).isEqualTo("active");
        assertThat(shard.get("source").asString()).isEqualTo("api");
        assertThat(shard.get("structuredData")).isEqualTo(Api.parse("{\"name\": \"Acme\", \"industry\": \"Manufacturing\"}"));
        assertThat(shard.at("/unstructuredData/text").asString()).isEqualTo("A long-standing customer");
        assertThat(shard.at("/metadata/tags/0").asString()).isEqualTo("key-account");
        assertThat(shard.get("createdAt").isString()).isTrue();
        assertThat(shard.get("updatedAt").isString()).isTrue();
    }

    @Test
    void getReturnsTheShardWithItsEtag() {
        TestTenant tenant = newTenant();
        JsonNode created = tenant.account("Globex");

        Api.Response response = tenant.api().get("shards/" + id(created));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
        assertThat(response.json().get("id")).isEqualTo(created.get("id"));
        assertThat(response.json().at("/structuredData/name").asString()).isEqualTo("Globex");
    }

    @Test
    void structuredDataFailingTheSchemaIs422WithPointers() {
        TestTenant tenant = newTenant();

        Api.Response wrongTypes = tenant.api().post("shards", """
                {"shardType": "c_opportunity", "structuredData": {"name": "Deal", "amount": "lots", "probability": 150}}""");
        Api.Response missingName = tenant.api().post("shards", """
                {"shardType": "c_opportunity", "structuredData": {"amount": 10}}""");

        assertThat(wrongTypes.status()).isEqualTo(422);
        assertThat(wrongTypes.contentType()).startsWith("application/problem+json");
        assertThat(pointers(wrongTypes)).contains("/structuredData/amount", "/structuredData/probability");
        assertThat(wrongTypes.json().at("/errors/0/message").asString()).isNotBlank();
        assertThat(missingName.status()).isEqualTo(422);
        assertThat(pointers(missingName)).contains("/structuredData/name");
        assertThat(list(tenant, "shards?type=c_opportunity")).isEmpty();
    }

    @Test
    void unknownShardTypeIs422() {
        TestTenant tenant = newTenant();

        Api.Response response = tenant.api().post("shards", """
                {"shardType": "c_spaceship", "structuredData": {"name": "Enterprise"}}""");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(pointers(response)).contains("/shardType");
    }

    @Test
    void creatingAShardWithStatusDeletedIsRejected() {
        TestTenant tenant = newTenant();

        Api.Response response = tenant.api().post("shards", """
                {"shardType": "c_account", "structuredData": {"name": "Ghost"}, "status": "deleted"}""");

        assertThat(response.status()).isEqualTo(422);
        assertThat(pointers(response)).contains("/status");
        assertThat(list(tenant, "shards?status=deleted")).isEmpty();
    }

    @Test
    void anotherTenantsShardIsNotFound() {
        TestTenant owner = newTenant();
        TestTenant stranger = newTenant();
        JsonNode shard = owner.account("Private");

        assertThat(stranger.api().get("shards/" + id(shard)).status()).isEqualTo(404);
        assertThat(stranger.api().patch("shards/" + id(shard), "{\"structuredData\": {\"name\": \"Mine\"}}").status()).isEqualTo(404);
        assertThat(stranger.api().delete("shards/" + id(shard)).status()).isEqualTo(404);
        assertThat(stranger.api().get("shards/" + id(shard) + "/revisions").status()).isEqualTo(404);
        assertThat(owner.api().get("shards/" + id(shard)).json().at("/structuredData/name").asString()).isEqualTo("Private");
    }

    @Test
    void malformedJsonAndInvalidIdsAre400Problems() {
        TestTenant tenant = newTenant();

        Api.Response malformed = tenant.api().post("shards", "{\"shardType\": \"c_account\", ");
        Api.Response badId = tenant.api().get("shards/not-a-uuid");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.contentType()).startsWith("application/problem+json");
    }

    // ---------------------------------------------------------------- patch

    @Test
    void patchMergesNestedObjectsAndNullRemovesAKey() {
        TestTenant tenant = newTenant();
        JsonNode shard = create(tenant, """
                {"shardType": "c_opportunity",
                 "structuredData": {"name": "Deal", "amount": 100, "stage": "proposal", "details": {"a": 1, "b": 2}},
                 "metadata": {"tags": ["x"], "owner": "sales"}}""");

        Api.Response response = tenant.api().patch("shards/" + id(shard), """
                {"structuredData": {"amount": null, "details": {"b": null, "c": 3}}, "metadata": {"owner": null}}""");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("structuredData"))
                .isEqualTo(Api.parse("{\"name\": \"Deal\", \"stage\": \"proposal\", \"details\": {\"a\": 1, \"c\": 3}}"));
        assertThat(response.json().get("metadata")).isEqualTo(Api.parse("{\"tags\": [\"x\"]}"));
        JsonNode stored = tenant.api().get("shards/" + id(shard)).json();
        assertThat(stored.get("structuredData")).isEqualTo(response.json().get("structuredData"));
        assertThat(stored.get("metadata")).isEqualTo(response.json().get("metadata"));
    }

    @Test
    void patchBumpsTheRevisionAndTheEtag() {
        TestTenant tenant = newTenant();
        JsonNode shard = tenant.account("Initech");

        Api.Response first = tenant.api().patch("shards/" + id(shard), "{\"structuredData\": {\"industry\": \"Software\"}}");
        Api.Response second = tenant.api().raw("PATCH", "/api/v1/shards/" + id(shard), "{\"structuredData\": {\"country\": \"US\"}}",
                "application/json");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("revision").asInt()).isEqualTo(2);
        assertThat(first.header("ETag")).isEqualTo("\"2\"");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("revision").asInt()).isEqualTo(3);
        assertThat(second.header("ETag")).isEqualTo("\"3\"");
        Api.Response get = tenant.api().get("shards/" + id(shard));
        assertThat(get.header("ETag")).isEqualTo("\"3\"");
        assertThat(get.json().get("structuredData"))
                .isEqualTo(Api.parse("{\"name\": \"Initech\", \"industry\": \"Software\", \"country\": \"US\"}"));
    }

    @Test
    void staleIfMatchIsRejected() {
        TestTenant tenant = newTenant();
        JsonNode shard = tenant.account("Umbrella");
        tenant.api().patch("shards/" + id(shard), "{\"structuredData\": {\"industry\": \"Pharma\"}}");

        Api.Response stale = tenant.api().withHeader("If-Match", "\"1\"")
                .patch("shards/" + id(shard), "{\"structuredData\": {\"industry\": \"Cosmetics\"}}");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        JsonNode stored = tenant.api().get("shards/" + id(shard)).json();
        assertThat(stored.get("revision").asInt()).isEqualTo(2);
        assertThat(stored.at("/structuredData/industry").asString()).isEqualTo("Pharma");
    }

    @Test
    void currentIfMatchIsAccepted() {
        TestTenant tenant = newTenant();
        JsonNode shard = tenant.account("Hooli");
        String etag = tenant.api().get("shards/" + id(shard)).header("ETag");

        Api.Response response = tenant.api().withHeader("If-Match", etag)
                .patch("shards/" + id(shard), "{\"structuredData\": {\"industry\": \"Tech\"}}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("revision").asInt()).isEqualTo(2);
        assertThat(response.header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void patchingANonPatchableFieldIsRejected() {
        TestTenant tenant = newTenant();
        JsonNode shard = tenant.account("Stark");

        Api.Response id = tenant.api().patch("shards/" + id(shard), "{\"id\": \"0193a000-0000-7000-8000-000000000000\"}");
        Api.Response type = tenant.api().patch("shards/" + id(shard), "{\"shardType\": \"c_contact\"}");
        Api.Response revision = tenant.api().patch("shards/" + id(shard), "{\"revision\": 7}");
        Api.Response tenantId = tenant.api().patch("shards/" + id(shard), "{\"tenantId\": \"" + tenant.id() + "\"}");

        assertThat(id.status()).isEqualTo(400);
        assertThat(pointers(id)).contains("/id");
        assertThat(type.status()).isEqualTo(400);
        assertThat(pointers(type)).contains("/shardType");
        assertThat(revision.status()).isEqualTo(400);
        assertThat(tenantId.status()).isEqualTo(400);
        JsonNode stored = tenant.api().get("shards/" + id(shard)).json();
        assertThat(stored.get("shardType").asString()).isEqualTo("c_account");
        assertThat(stored.get("revision").asInt()).isEqualTo(1);
    }

    @Test
    void patchThatBreaksTheSchemaIs422AndChangesNothing() {
        TestTenant tenant = newTenant();
        JsonNode shard = create(tenant, "{\"shardType\": \"c_opportunity\", \"structuredData\": {\"name\": \"Deal\", \"amount\": 5}}");

        Api.Response badAmount = tenant.api().patch("shards/" + id(shard), "{\"structuredData\": {\"amount\": \"five\"}}");
        Api.Response noName = tenant.api().patch("shards/" + id(shard), "{\"structuredData\": {\"name\": null}}");

        assertThat(badAmount.status()).isEqualTo(422);
        assertThat(pointers(badAmount)).contains("/structuredData/amount");
        assertThat(noName.status()).isEqualTo(422);
        assertThat(pointers(noName)).contains("/structuredData/name");
        JsonNode stored = tenant.api().get("shards/" + id(shard)).json();
        assertThat(stored.get("revision").asInt()).isEqualTo(1);
        assertThat(stored.at("/structuredData/amount").asInt()).isEqualTo(5);
    }

    // ---------------------------------------------------------------- delete, restore, roles

    @Test
    void softDeleteHidesTheShardUnlessDeletedOnesAreAskedFor() {
        TestTenant tenant = newTenant();
        JsonNode shard = tenant.account("Soon gone");

        Api.Response delete = tenant.api().delete("shards/" + id(shard));

        assertThat(delete.status()).isEqualTo(204);
        assertThat(tenant.api().get("shards/" + id(shard)).status()).isEqualTo(404);
        Api.Response withDeleted = tenant.api().get("shards/" + id(shard) + "?includeDeleted=true");
        assertThat(withDeleted.status()).isEqualTo(200);
        assertThat(withDeleted.json().get("status").asString()).isEqualTo("deleted");
        assertThat(withDeleted.json().get("revision").asInt()).isEqualTo(2);
        assertThat(withDeleted.header("ETag")).isEqualTo("\"2\"");
        assertThat(list(tenant, "shards")).isEmpty();
        assertThat(ids(list(tenant, "shards?status=deleted"))).containsExactly(id(shard));
    }

    @Test
    void deleteWithStaleIfMatchIsRejected() {
        TestTenant tenant = newTenant();
        JsonNode shard = tenant.account("Guarded");
        tenant.api().patch("shards/" + id(shard), "{\"structuredData\": {\"industry\": \"Retail\"}}");

        Api.Response stale = tenant.api().withHeader("If-Match", "\"1\"").delete("shards/" + id(shard));
        Api.Response current = tenant.api().withHeader("If-Match", "\"2\"").delete("shards/" + id(shard));

        assertThat(stale.status()).isEqualTo(412);
        assertThat(current.status()).isEqualTo(204);
    }

    @Test
    void restoreBringsADeletedShardBack() {
        TestTenant tenant = newTenant();
        JsonNode shard = tenant.account("Phoenix");
        tenant.api().delete("shards/" + id(shard));

        Api.Response restore = tenant.api().post("shards/" + id(shard) + "/restore", null);

        assertThat(restore.status()).isEqualTo(200);
        assertThat(restore.json().get("status").asString()).isEqualTo("active");
        assertThat(restore.json().get("revision").asInt()).isEqualTo(3);
        assertThat(restore.header("ETag")).isEqualTo("\"3\"");
        Api.Response get = tenant.api().get("shards/" + id(shard));
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.json().get("status").asString()).isEqualTo("active");
        assertThat(get.json().at("/structuredData/name").asString()).isEqualTo("Phoenix");
    }

    @Test
    void restoreReturnsTheStatusTheShardHadBeforeDeletion() {
        TestTenant tenant = newTenant();
        JsonNode shard = create(tenant, "{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"Shelved\"}, \"status\": \"archived\"}");
        tenant.api().delete("shards/" + id(shard));

        Api.Response restore = tenant.api().post("shards/" + id(shard) + "/restore", null);

        assertThat(restore.status()).isEqualTo(200);
        assertThat(restore.json().get("status").asString()).isEqualTo("archived");
    }

    @Test
    void restoringALiveShardIsAConflict() {
        TestTenant tenant = newTenant();
        JsonNode shard = tenant.account("Alive");

        Api.Response restore = tenant.api().post("shards/" + id(shard) + "/restore", null);

        assertThat(restore.status()).isEqualTo(409);
        assertThat(restore.contentType()).startsWith("application/problem+json");
        assertThat(tenant.api().get("shards/" + id(shard)).json().get("revision").asInt()).isEqualTo(1);
    }

    @Test
    void membersCannotDeletePermanently() {
        TestTenant tenant = newTenant();
        JsonNode shard = tenant.account("Keep");
        TestTenant.Member member = addUser(tenant, "member");

        Api.Response response = member.api().delete("shards/" + id(shard) + "?permanent=true");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(tenant.api().get("shards/" + id(shard)).status()).isEqualTo(200);
    }

    @Test
    void ownerDeletesPermanentlyAndNothingIsLeft() {
        TestTenant tenant = newTenant();
        JsonNode shard = tenant.account("Erase me");
        tenant.api().patch("shards/" + id(shard), "{\"structuredData\": {\"industry\": \"Gone\"}}");

        Api.Response response = tenant.api().delete("shards/" + id(shard) + "?permanent=true");

        assertThat(response.status()).isEqualTo(204);
        assertThat(tenant.api().get("shards/" + id(shard)).status()).isEqualTo(404);
        assertThat(tenant.api().get("shards/" + id(shard) + "?includeDeleted=true").status()).isEqualTo(404);
        assertThat(tenant.api().get("shards/" + id(shard) + "/revisions").status()).isEqualTo(404);
        assertThat(tenant.api().get("shards/" + id(shard) + "/revisions/1").status()).isEqualTo(404);
        assertThat(tenant.api().post("shards/" + id(shard) + "/restore", null).status()).isEqualTo(404);
        assertThat(list(tenant, "shards?status=deleted")).isEmpty();
    }

    @Test
    void ownerCanPermanentlyDeleteASoftDeletedShard() {
        TestTenant tenant = newTenant();
        JsonNode shard = tenant.account("Twice");
        tenant.api().delete("shards/" + id(shard));

        Api.Response response = tenant.api().delete("shards/" + id(shard) + "?permanent=true");

        assertThat(response.status()).isEqualTo(204);
        assertThat(tenant.api().get("shards/" + id(shard) + "?includeDeleted=true").status()).isEqualTo(404);
    }

    @Test
    void membersCreatePatchAndSoftDeleteShards() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");

        Api.Response create = member.api().post("shards", "{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"By member\"}}");
        String id = create.json().get("id").asString();
        Api.Response patch = member.api().patch("shards/" + id, "{\"structuredData\": {\"industry\": \"Services\"}}");
        Api.Response delete = member.api().delete("shards/" + id);

        assertThat(create.status()).isEqualTo(201);
        assertThat(create.json().get("createdBy").asString()).isEqualTo(member.id().toString());
        assertThat(patch.status()).isEqualTo(200);
        assertThat(patch.json().get("revision").asInt()).isEqualTo(2);
        assertThat(delete.status()).isEqualTo(204);
    }

    @Test
    void viewersReadButCannotCreatePatchDeleteOrRestore() {
        TestTenant tenant = newTenant();
        JsonNode shard = tenant.account("Look, don't touch");
        JsonNode deleted = tenant.account("Deleted");
        tenant.api().delete("shards/" + id(deleted));
        TestTenant.Member viewer = addUser(tenant, "viewer");

        Api.Response get = viewer.api().get("shards/" + id(shard));
        Api.Response list = viewer.api().get("shards");
        Api.Response create = viewer.api().post("shards", "{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"Nope\"}}");
        Api.Response patch = viewer.api().patch("shards/" + id(shard), "{\"structuredData\": {\"name\": \"Changed\"}}");
        Api.Response delete = viewer.api().delete("shards/" + id(shard));
        Api.Response restore = viewer.api().post("shards/" + id(deleted) + "/restore", null);
        Api.Response bulk = viewer.api().post("shards/bulk",
                "{\"items\": [{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"Nope\"}}]}");

        assertThat(get.status()).isEqualTo(200);
        assertThat(list.status()).isEqualTo(200);
        assertThat(create.status()).isEqualTo(403);
        assertThat(patch.status()).isEqualTo(403);
        assertThat(delete.status()).isEqualTo(403);
        assertThat(restore.status()).isEqualTo(403);
        assertThat(bulk.status()).isEqualTo(403);
        assertThat(patch.contentType()).startsWith("application/problem+json");
        JsonNode stored = tenant.api().get("shards/" + id(shard)).json();
        assertThat(stored.get("revision").asInt()).isEqualTo(1);
        assertThat(ids(list(tenant, "shards"))).containsExactly(id(shard));
    }

    // ---------------------------------------------------------------- bulk

    /**
     * The first shards of a type in a tenant give it its typed columns' map. Two bulk writes that
     * each bring the first shards of the same types, in opposite orders, once deadlocked on the
     * maps (a 500 for one of them): one skipped a type whose map the other had not committed yet.
     * A race: each tenant here is a new chance for it.
     */
    @Test
    void concurrentFirstBulkWritesOfTheSameNewTypesBothSucceed() throws Exception {
        List<String> types = List.of("alpha", "beta", "gamma", "delta", "epsilon");
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                TestTenant tenant = newTenant();
                for (String type : types) {
                    Api.Response created = tenant.api().post("shard-types", Api.object().put("name", type)
                            .set("schema", Api.JSON.readTree("{\"type\": \"object\", \"properties\": {\"label\": {\"type\": \"string\"}}}")));
                    assertThat(created.status()).as(created.toString()).isEqualTo(201);
                }
                List<String> reversed = new ArrayList<>(types);
                java.util.Collections.reverse(reversed);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Api.Response>> writes = new ArrayList<>();
                for (List<String> order : List.of(types, reversed)) {
                    writes.add(writers.submit(() -> {
                        ArrayNode items = JsonNodeFactory.instance.arrayNode();
                        for (String type : order) {
                            for (int i = 0; i < 20; i++) {
                                items.addObject().put("shardType", type).putObject("structuredData").put("label", type + " " + i);
                            }
                        }
                        start.await();
                        return tenant.api().post("shards/bulk", Api.object().set("items", items));
                    }));
                }
                start.countDown();
                for (Future<Api.Response> write : writes) {
                    Api.Response response = write.get(60, TimeUnit.SECONDS);
                    assertThat(response.status()).as(response.toString()).isEqualTo(200);
                    response.json().get("results").forEach(result -> assertThat(result.get("status").asInt()).isEqualTo(201));
                }
            }
        } finally {
            writers.shutdownNow();
        }
    }

    @Test
    void bulkCreatesValidItemsAndReportsInvalidOnesByIndex() {
        TestTenant tenant = newTenant();
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        Set<Integer> invalid = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            ObjectNode item = items.addObject();
            item.put("shardType", "c_opportunity");
            ObjectNode data = item.putObject("structuredData");
            data.put("name", "Deal " + i);
            if (i % 97 == 5) {
                data.put("amount", "not a number");
                invalid.add(i);
            } else if (i % 211 == 7) {
                data.remove("name");
                invalid.add(i);
            } else {
                data.put("amount", i);
            }
        }
        ObjectNode body = Api.object();
        body.set("items", items);

        Api.Response response = tenant.api().post("shards/bulk", body);

        assertThat(response.status()).isEqualTo(200);
        JsonNode results = response.json().get("results");
        assertThat(results).hasSize(1_000);
        for (int i = 0; i < 1_000; i++) {
            JsonNode result = results.get(i);
            assertThat(result.get("index").asInt()).isEqualTo(i);
            if (invalid.contains(i)) {
                assertThat(result.get("status").asInt()).as("item %d", i).isEqualTo(422);
                assertThat(result.has("id")).isFalse();
                assertThat(result.at("/error/detail").asString()).isNotBlank();
            } else {
                assertThat(result.get("status").asInt()).as("item %d", i).isEqualTo(201);
                assertThat(result.get("id").asString()).isNotBlank();
                assertThat(result.has("error")).isFalse();
            }
        }
        assertThat(results.get(5).at("/error/errors/0/pointer").asString()).isEqualTo("/items/5/structuredData/amount");
        assertThat(results.get(7).at("/error/errors/0/pointer").asString()).isEqualTo("/items/7/structuredData/name");
        for (int i : new int[] {0, 1, 500, 999}) {
            Api.Response get = tenant.api().get("shards/" + results.get(i).get("id").asString());
            assertThat(get.status()).isEqualTo(200);
            assertThat(get.json().at("/structuredData/name").asString()).isEqualTo("Deal " + i);
            assertThat(get.json().at("/structuredData/amount").asInt()).isEqualTo(i);
            assertThat(get.json().get("revision").asInt()).isEqualTo(1);
        }
        assertThat(walk(tenant, "shards?type=c_opportunity&limit=500")).hasSize(1_000 - invalid.size());
    }

    @Test
    void bulkItemThatIsNotAnObjectFailsAlone() {
        TestTenant tenant = newTenant();

        Api.Response response = tenant.api().post("shards/bulk", """
                {"items": [{"shardType": "c_account", "structuredData": {"name": "One"}}, 42,
                           {"shardType": "c_nope", "structuredData": {"name": "Three"}},
                           {"shardType": "c_account", "structuredData": {"name": "Four"}}]}""");

        assertThat(response.status()).isEqualTo(200);
        JsonNode results = response.json().get("results");
        assertThat(results.get(0).get("status").asInt()).isEqualTo(201);
        assertThat(results.get(1).get("status").asInt()).isEqualTo(400);
        assertThat(results.get(2).get("status").asInt()).isEqualTo(422);
        assertThat(results.get(2).at("/error/errors/0/pointer").asString()).isEqualTo("/items/2/shardType");
        assertThat(results.get(3).get("status").asInt()).isEqualTo(201);
        assertThat(names(list(tenant, "shards?sort=createdAt"))).containsExactly("One", "Four");
    }

    @Test
    void bulkOfMoreThanAThousandItemsIsRejected() {
        TestTenant tenant = newTenant();
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 1_001; i++) {
            ObjectNode item = items.addObject();
            item.put("shardType", "c_account");
            item.putObject("structuredData").put("name", "Account " + i);
        }
        ObjectNode body = Api.object();
        body.set("items", items);

        Api.Response response = tenant.api().post("shards/bulk", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(list(tenant, "shards")).isEmpty();
    }

    @Test
    void bulkWithoutItemsIsRejected() {
        TestTenant tenant = newTenant();

        Api.Response response = tenant.api().post("shards/bulk", "{}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(pointers(response)).contains("/items");
    }

    // ---------------------------------------------------------------- revisions

    @Test
    void revisionsAreListedNewestFirstWithCursorPagination() {
        TestTenant tenant = newTenant();
        JsonNode shard = tenant.account("Versioned");
        for (String industry : List.of("One", "Two", "Three", "Four")) {
            assertThat(tenant.api().patch("shards/" + id(shard), "{\"structuredData\": {\"industry\": \"" + industry + "\"}}").status())
                    .isEqualTo(200);
        }

        Api.Response first = tenant.api().get("shards/" + id(shard) + "/revisions?limit=2");
        String cursor = first.json().get("nextCursor").asString();
        Api.Response second = tenant.api().get("shards/" + id(shard) + "/revisions?limit=2&cursor=" + enc(cursor));
        Api.Response third = tenant.api().get("shards/" + id(shard) + "/revisions?limit=2&cursor="
                + enc(second.json().get("nextCursor").asString()));

        assertThat(first.status()).isEqualTo(200);
        assertThat(revisionNumbers(first)).containsExactly(5, 4);
        assertThat(revisionNumbers(second)).containsExactly(3, 2);
        assertThat(revisionNumbers(third)).containsExactly(1);
        assertThat(third.json().get("nextCursor").isNull()).isTrue();
        JsonNode newest = first.json().at("/items/0");
        assertThat(newest.at("/structuredData/industry").asString()).isEqualTo("Four");
        assertThat(newest.get("changedBy").asString()).isEqualTo(tenant.ownerId().toString());
        assertThat(newest.get("changedAt").isString()).isTrue();
        assertThat(third.json().at("/items/0/structuredData")).isEqualTo(Api.parse("{\"name\": \"Versioned\"}"));
        Api.Response all = tenant.api().get("shards/" + id(shard) + "/revisions");
        assertThat(revisionNumbers(all)).containsExactly(5, 4, 3, 2, 1);
        assertThat(all.json().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void revisionCursorOfAnotherShardIsRejected() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");
        tenant.api().patch("shards/" + id(a), "{\"structuredData\": {\"industry\": \"X\"}}");
        String cursor = tenant.api().get("shards/" + id(a) + "/revisions?limit=1").json().get("nextCursor").asString();

        Api.Response response = tenant.api().get("shards/" + id(b) + "/revisions?limit=1&cursor=" + enc(cursor));

        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void aSingleRevisionCanBeRead() {
        TestTenant tenant = newTenant();
        JsonNode shard = tenant.account("Original");
        tenant.api().patch("shards/" + id(shard), "{\"structuredData\": {\"name\": \"Renamed\"}}");

        Api.Response one = tenant.api().get("shards/" + id(shard) + "/revisions/1");
        Api.Response two = tenant.api().get("shards/" + id(shard) + "/revisions/2");

        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("revision").asInt()).isEqualTo(1);
        assertThat(one.json().at("/structuredData/name").asString()).isEqualTo("Original");
        assertThat(two.json().get("revision").asInt()).isEqualTo(2);
        assertThat(two.json().at("/structuredData/name").asString()).isEqualTo("Renamed");
    }

    @Test
    void revertMakesANewRevisionEqualToTheChosenOne() {
        TestTenant tenant = newTenant();
        JsonNode shard = create(tenant, """
                {"shardType": "c_account", "structuredData": {"name": "Acme", "industry": "Manufacturing"},
                 "unstructuredData": {"text": "first notes"}, "metadata": {"tags": ["a"]}}""");
        tenant.api().patch("shards/" + id(shard), """
                {"structuredData": {"name": "Acme Corp", "industry": null, "country": "DE"},
                 "unstructuredData": {"text": "second notes"}, "metadata": {"tags": ["b"]}}""");
        tenant.api().patch("shards/" + id(shard), "{\"structuredData\": {\"employees\": 12}}");

        Api.Response revert = tenant.api().post("shards/" + id(shard) + "/revisions/1/revert", null);

        assertThat(revert.status()).isEqualTo(200);
        assertThat(revert.json().get("revision").asInt()).isEqualTo(4);
        assertThat(revert.header("ETag")).isEqualTo("\"4\"");
        JsonNode first = tenant.api().get("shards/" + id(shard) + "/revisions/1").json();
        JsonNode current = tenant.api().get("shards/" + id(shard)).json();
        assertThat(current.get("revision").asInt()).isEqualTo(4);
        assertThat(current.get("structuredData")).isEqualTo(first.get("structuredData"));
        assertThat(current.get("unstructuredData")).isEqualTo(first.get("unstructuredData"));
        assertThat(current.get("metadata")).isEqualTo(first.get("metadata"));
        assertThat(current.get("status").asString()).isEqualTo("active");
        JsonNode fourth = tenant.api().get("shards/" + id(shard) + "/revisions/4").json();
        assertThat(fourth.get("structuredData")).isEqualTo(first.get("structuredData"));
        assertThat(revisionNumbers(tenant.api().get("shards/" + id(shard) + "/revisions"))).containsExactly(4, 3, 2, 1);
    }

    @Test
    void revertWithStaleIfMatchIsRejected() {
        TestTenant tenant = newTenant();
        JsonNode shard = tenant.account("Guarded");
        tenant.api().patch("shards/" + id(shard), "{\"structuredData\": {\"industry\": \"X\"}}");

        Api.Response stale = tenant.api().withHeader("If-Match", "\"1\"").post("shards/" + id(shard) + "/revisions/1/revert", null);

        assertThat(stale.status()).isEqualTo(412);
        assertThat(tenant.api().get("shards/" + id(shard)).json().get("revision").asInt()).isEqualTo(2);
    }

    @Test
    void unknownRevisionIsNotFound() {
        TestTenant tenant = newTenant();
        JsonNode shard = tenant.account("Young");

        Api.Response get = tenant.api().get("shards/" + id(shard) + "/revisions/9");
        Api.Response revert = tenant.api().post("shards/" + id(shard) + "/revisions/9/revert", null);
        Api.Response unknownShard = tenant.api().get("shards/0193a000-0000-7000-8000-000000000000/revisions/1");

        assertThat(get.status()).isEqualTo(404);
        assertThat(get.contentType()).startsWith("application/problem+json");
        assertThat(revert.status()).isEqualTo(404);
        assertThat(unknownShard.status()).isEqualTo(404);
        assertThat(tenant.api().get("shards/" + id(shard)).json().get("revision").asInt()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- idempotency

    @Test
    void repeatedIdempotencyKeyReplaysTheFirstResponse() {
        TestTenant tenant = newTenant();
        Api keyed = tenant.api().withHeader("Idempotency-Key", "create-acme-1");
        String body = "{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"Acme\"}}";

        Api.Response first = keyed.post("shards", body);
        Api.Response second = keyed.post("shards", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(second.header("ETag")).isEqualTo("\"1\"");
        assertThat(ids(list(tenant, "shards"))).containsExactly(id(first.json()));
    }

    @Test
    void idempotencyKeyReusedWithADifferentBodyIs422() {
        TestTenant tenant = newTenant();
        Api keyed = tenant.api().withHeader("Idempotency-Key", "create-acme-2");

        Api.Response first = keyed.post("shards", "{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"Acme\"}}");
        Api.Response second = keyed.post("shards", "{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"Other\"}}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(422);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(names(list(tenant, "shards"))).containsExactly("Acme");
    }

    @Test
    void anIdempotencyKeyOlderThanADayIsFreeAgain() {
        TestTenant tenant = newTenant();
        Api keyed = tenant.api().withHeader("Idempotency-Key", "daily-import");
        Api.Response first = keyed.post("shards", "{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"Monday\"}}");
        tenants.inTenant(tenant.id(), () -> jdbc.sql("update idempotency_keys set created_at = now() - interval '25 hours'").update());

        Api.Response later = keyed.post("shards", "{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"Tuesday\"}}");
        Api.Response replay = keyed.post("shards", "{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"Tuesday\"}}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(later.status()).isEqualTo(201);
        assertThat(later.json().get("id")).isNotEqualTo(first.json().get("id"));
        assertThat(replay.json().get("id")).isEqualTo(later.json().get("id"));
        assertThat(names(list(tenant, "shards"))).containsExactlyInAnyOrder("Monday", "Tuesday");
    }

    @Test
    void aFailedRequestDoesNotSpendItsIdempotencyKey() {
        TestTenant tenant = newTenant();
        Api keyed = tenant.api().withHeader("Idempotency-Key", "retry-after-fix");
        String invalid = "{\"shardType\": \"c_opportunity\", \"structuredData\": {\"name\": \"Deal\", \"amount\": \"x\"}}";

        Api.Response failed = keyed.post("shards", invalid);
        Api.Response again = keyed.post("shards", invalid);
        Api.Response fixed = keyed.post("shards", "{\"shardType\": \"c_opportunity\", \"structuredData\": {\"name\": \"Deal\"}}");

        assertThat(failed.status()).isEqualTo(422);
        assertThat(again.status()).isEqualTo(422);
        assertThat(fixed.status()).isEqualTo(201);
        assertThat(list(tenant, "shards")).hasSize(1);
    }

    // ---------------------------------------------------------------- list filters

    @Test
    void listFiltersByType() {
        TestTenant tenant = newTenant();
        tenant.account("Account one");
        create(tenant, "{\"shardType\": \"c_note\", \"structuredData\": {\"title\": \"A note\"}}");
        tenant.account("Account two");

        assertThat(names(list(tenant, "shards?type=c_account&sort=createdAt"))).containsExactly("Account one", "Account two");
        assertThat(list(tenant, "shards?type=c_note")).hasSize(1);
        assertThat(list(tenant, "shards?type=c_task")).isEmpty();
        assertThat(list(tenant, "shards")).hasSize(3);
        assertThat(tenant.api().get("shards?type=" + enc("Bad Type!")).status()).isEqualTo(400);
    }

    @Test
    void listFiltersByStatus() {
        TestTenant tenant = newTenant();
        tenant.account("Live");
        create(tenant, "{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"Draft\"}, \"status\": \"draft\"}");
        create(tenant, "{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"Old\"}, \"status\": \"archived\"}");
        JsonNode gone = tenant.account("Gone");
        tenant.api().delete("shards/" + id(gone));

        assertThat(names(list(tenant, "shards?status=draft"))).containsExactly("Draft");
        assertThat(names(list(tenant, "shards?status=archived"))).containsExactly("Old");
        assertThat(names(list(tenant, "shards?status=active"))).containsExactly("Live");
        assertThat(names(list(tenant, "shards?status=deleted"))).containsExactly("Gone");
        assertThat(names(list(tenant, "shards?sort=createdAt"))).containsExactly("Live", "Draft", "Old");
        Api.Response bad = tenant.api().get("shards?status=bogus");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
    }

    @Test
    void listFiltersByTag() {
        TestTenant tenant = newTenant();
        create(tenant, "{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"Key\"}, \"metadata\": {\"tags\": [\"key-account\", \"emea\"]}}");
        create(tenant, "{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"Emea\"}, \"metadata\": {\"tags\": [\"emea\"]}}");
        tenant.account("Untagged");

        assertThat(names(list(tenant, "shards?tag=key-account"))).containsExactly("Key");
        assertThat(names(list(tenant, "shards?tag=emea&sort=createdAt"))).containsExactly("Key", "Emea");
        assertThat(list(tenant, "shards?tag=key")).isEmpty();
    }

    @Test
    void fullTextSearchMatchesStemmedWordsInStructuredAndUnstructuredData() {
        TestTenant tenant = newTenant();
        create(tenant, """
                {"shardType": "c_note", "structuredData": {"title": "Weekly sync"},
                 "unstructuredData": {"text": "We held a meeting with the procurement team"}}""");
        create(tenant, "{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"Quarterly planning\", \"industry\": \"Logistics\"}}");
        create(tenant, "{\"shardType\": \"c_note\", \"structuredData\": {\"title\": \"Unrelated\", \"body\": \"Nothing here\"}}");

        assertThat(names(list(tenant, "shards?q=meetings"))).containsExactly("Weekly sync");
        assertThat(names(list(tenant, "shards?q=" + enc("procurement teams")))).containsExactly("Weekly sync");
        assertThat(names(list(tenant, "shards?q=planned"))).containsExactly("Quarterly planning");
        assertThat(names(list(tenant, "shards?q=logistics"))).containsExactly("Quarterly planning");
        assertThat(list(tenant, "shards?q=submarine")).isEmpty();
        assertThat(names(list(tenant, "shards?q=meeting&type=c_account"))).isEmpty();
        assertThat(tenant.api().get("shards?q=" + "a".repeat(501)).status()).isEqualTo(400);
    }

    @Test
    void whereEqMatchesStringsAndNumbers() {
        TestTenant tenant = opportunities();

        assertThat(where(tenant, "stage:eq:proposal")).containsExactly("Beta");
        assertThat(where(tenant, "amount:eq:1000")).containsExactly("Gamma Project");
        assertThat(where(tenant, "amount:eq:250.5")).containsExactly("Beta");
        assertThat(where(tenant, "stage:eq:Proposal")).isEmpty();
        assertThat(where(tenant, "owner.region:eq:EMEA")).containsExactly("Alpha deal");
    }

    @Test
    void whereNeExcludesMatches() {
        TestTenant tenant = opportunities();

        assertThat(where(tenant, "stage:ne:proposal")).containsExactly("Alpha deal", "Gamma Project", "Delta");
        assertThat(where(tenant, "amount:ne:100")).containsExactly("Beta", "Gamma Project", "Delta");
    }

    @Test
    void whereComparesNumbers() {
        TestTenant tenant = opportunities();

        assertThat(where(tenant, "amount:gt:250.5")).containsExactly("Gamma Project");
        assertThat(where(tenant, "amount:gte:250.5")).containsExactly("Beta", "Gamma Project");
        assertThat(where(tenant, "amount:lt:250.5")).containsExactly("Alpha deal");
        assertThat(where(tenant, "amount:lte:250.5")).containsExactly("Alpha deal", "Beta");
        assertThat(where(tenant, "amount:gte:99")).containsExactly("Alpha deal", "Beta", "Gamma Project");
        assertThat(where(tenant, "probability:lte:50")).containsExactly("Alpha deal", "Beta");
    }

    @Test
    void whereComparesIsoDates() {
        TestTenant tenant = opportunities();

        assertThat(where(tenant, "closeDate:gt:2026-03-01")).containsExactly("Gamma Project");
        assertThat(where(tenant, "closeDate:gte:2026-03-01")).containsExactly("Beta", "Gamma Project");
        assertThat(where(tenant, "closeDate:lt:2026-03-01")).containsExactly("Alpha deal");
        assertThat(where(tenant, "closeDate:lte:2026-03-01")).containsExactly("Alpha deal", "Beta");
        assertThat(where(tenant, "closeDate:gte:2026-01-01", "closeDate:lt:2026-04-01")).containsExactly("Alpha deal", "Beta");
    }

    @Test
    void whereInMatchesAnyOfTheValues() {
        TestTenant tenant = opportunities();

        assertThat(where(tenant, "stage:in:prospecting|closed_won|nothing")).containsExactly("Alpha deal", "Gamma Project");
        assertThat(where(tenant, "amount:in:100|1000")).containsExactly("Alpha deal", "Gamma Project");
        assertThat(where(tenant, "stage:in:nothing")).isEmpty();
    }

    @Test
    void whereContainsMatchesSubstringsCaseInsensitively() {
        TestTenant tenant = opportunities();

        assertThat(where(tenant, "name:contains:PROJ")).containsExactly("Gamma Project");
        assertThat(where(tenant, "name:contains:al")).containsExactly("Alpha deal");
        assertThat(where(tenant, "name:contains:" + "%")).isEmpty();
        assertThat(where(tenant, "name:contains:_")).isEmpty();
    }

    @Test
    void whereContainsMatchesArrayElements() {
        TestTenant tenant = opportunities();

        assertThat(where(tenant, "labels:contains:hot")).containsExactly("Alpha deal");
        assertThat(where(tenant, "labels:contains:q1")).containsExactly("Alpha deal", "Beta");
        assertThat(where(tenant, "scores:contains:5")).containsExactly("Gamma Project");
        assertThat(where(tenant, "labels:contains:ho")).isEmpty();
    }

    @Test
    void whereExistsTestsForTheField() {
        TestTenant tenant = opportunities();

        assertThat(where(tenant, "probability:exists:true")).containsExactly("Alpha deal", "Beta");
        assertThat(where(tenant, "probability:exists:false")).containsExactly("Gamma Project", "Delta");
        assertThat(where(tenant, "amount:exists:false")).containsExactly("Delta");
        assertThat(where(tenant, "owner.region:exists:true")).containsExactly("Alpha deal");
        assertThat(tenant.api().get("shards?" + whereParams("amount:exists:maybe")).status()).isEqualTo(400);
    }

    @Test
    void severalWhereFiltersAreAnded() {
        TestTenant tenant = opportunities();

        assertThat(where(tenant, "stage:ne:proposal", "amount:gte:100")).containsExactly("Alpha deal", "Gamma Project");
        assertThat(where(tenant, "amount:gt:0", "labels:contains:q1", "probability:exists:true")).containsExactly("Alpha deal", "Beta");
        assertThat(where(tenant, "amount:gt:0", "stage:eq:negotiation")).isEmpty();
    }

    @Test
    void aStringFieldComparedWithANumberIsNoMatchNotAnError() {
        TestTenant tenant = opportunities();

        assertThat(where(tenant, "name:gt:5")).isEmpty();
        assertThat(where(tenant, "stage:lte:100")).isEmpty();
        assertThat(where(tenant, "amount:gt:abc")).isEmpty();
    }

    @Test
    void badWhereOperatorFieldOrTooManyFiltersIsA400Problem() {
        TestTenant tenant = opportunities();

        for (String bad : List.of("amount:between:1", "amount:like:1", "na'me:eq:x", "name;drop:eq:x", ".name:eq:x", "name..x:eq:x",
                "amount", "amount:gt", "1abc:eq:x", "{a,b}:eq:x")) {
            Api.Response response = tenant.api().get("shards?" + whereParams(bad));
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.contentType()).as(bad).startsWith("application/problem+json");
            assertThat(pointers(response)).as(bad).contains("/where");
        }
        String[] tooMany = new String[21];
        java.util.Arrays.fill(tooMany, "amount:exists:true");
        assertThat(tenant.api().get("shards?" + whereParams(tooMany)).status()).isEqualTo(400);
    }

    @Test
    void whereValueMayContainCommasAndColons() {
        TestTenant tenant = newTenant();
        create(tenant, "{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"Smith, Jones & Co\", \"hours\": \"09:00-17:00\"}}");
        tenant.account("Smith");

        assertThat(names(list(tenant, "shards?" + whereParams("hours:eq:09:00-17:00")))).containsExactly("Smith, Jones & Co");
        assertThat(names(list(tenant, "shards?" + whereParams("name:eq:Smith, Jones & Co")))).containsExactly("Smith, Jones & Co");
    }

    // ---------------------------------------------------------------- sort

    @Test
    void sortByCreatedAtAscendingAndDescending() {
        TestTenant tenant = newTenant();
        tenant.account("First");
        tenant.account("Second");
        tenant.account("Third");

        assertThat(names(list(tenant, "shards?sort=createdAt"))).containsExactly("First", "Second", "Third");
        assertThat(names(list(tenant, "shards?sort=-createdAt"))).containsExactly("Third", "Second", "First");
        assertThat(names(list(tenant, "shards"))).as("newest first by default").containsExactly("Third", "Second", "First");
    }

    @Test
    void sortByUpdatedAtDescending() {
        TestTenant tenant = newTenant();
        JsonNode first = tenant.account("First");
        tenant.account("Second");
        tenant.account("Third");
        tenant.api().patch("shards/" + id(first), "{\"structuredData\": {\"industry\": \"Touched\"}}");

        assertThat(names(list(tenant, "shards?sort=-updatedAt"))).containsExactly("First", "Third", "Second");
        assertThat(names(list(tenant, "shards?sort=updatedAt"))).containsExactly("Second", "Third", "First");
    }

    @Test
    void sortByAmountAscendingPutsAMissingAmountFirst() {
        TestTenant tenant = amounts();

        assertThat(names(list(tenant, "shards?sort=structuredData.amount"))).containsExactly("none", "a100", "a300", "a500");
    }

    @Test
    void sortByAmountDescending() {
        TestTenant tenant = amounts();

        assertThat(names(list(tenant, "shards?sort=-structuredData.amount"))).containsExactly("a500", "a300", "a100", "none");
    }

    @Test
    void sortByADataFieldPaginatesAcrossPages() {
        TestTenant tenant = amounts();
        tenant.createShard("c_opportunity", Api.object().put("name", "a300b").put("amount", 300));
        tenant.createShard("c_opportunity", Api.object().put("name", "none2"));

        List<String> ascending = names(walk(tenant, "shards?sort=structuredData.amount&limit=2"));
        List<String> descending = names(walk(tenant, "shards?sort=-structuredData.amount&limit=2"));

        assertThat(ascending).hasSize(6);
        assertThat(ascending.subList(0, 2)).containsExactlyInAnyOrder("none", "none2");
        assertThat(ascending.get(2)).isEqualTo("a100");
        assertThat(ascending.subList(3, 5)).containsExactlyInAnyOrder("a300", "a300b");
        assertThat(ascending.get(5)).isEqualTo("a500");
        List<String> reversed = new ArrayList<>(ascending);
        java.util.Collections.reverse(reversed);
        assertThat(descending).isEqualTo(reversed);
        assertThat(names(list(tenant, "shards?sort=structuredData.amount&limit=500"))).isEqualTo(ascending);
    }

    @Test
    void unknownSortIsRejected() {
        TestTenant tenant = newTenant();

        assertThat(tenant.api().get("shards?sort=password").status()).isEqualTo(400);
        assertThat(tenant.api().get("shards?sort=" + enc("structuredData.a'b")).status()).isEqualTo(400);
        assertThat(tenant.api().get("shards?sort=structuredData").status()).isEqualTo(400);
    }

    // ---------------------------------------------------------------- cursor pagination

    @Test
    void cursorPaginationVisitsEveryShardExactlyOnceInOrder() {
        TestTenant tenant = newTenant();
        List<String> created = bulkAccounts(tenant, 120);

        List<JsonNode> pages = new ArrayList<>();
        List<JsonNode> walked = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = tenant.api().get("shards?limit=50" + (cursor == null ? "" : "&cursor=" + enc(cursor)));
            assertThat(page.status()).isEqualTo(200);
            pages.add(page.json());
            page.json().get("items").forEach(walked::add);
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asString();
        } while (cursor != null && pages.size() < 10);

        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).get("items")).hasSize(50);
        assertThat(pages.get(1).get("items")).hasSize(50);
        assertThat(pages.get(2).get("items")).hasSize(20);
        List<String> walkedIds = ids(walked);
        assertThat(walkedIds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        for (int i = 1; i < walked.size(); i++) {
            Instant before = Instant.parse(walked.get(i - 1).get("createdAt").asString());
            Instant after = Instant.parse(walked.get(i).get("createdAt").asString());
            assertThat(before).as("position %d", i).isAfterOrEqualTo(after);
            if (before.equals(after)) {
                assertThat(walkedIds.get(i - 1)).as("id tie-break at %d", i).isGreaterThan(walkedIds.get(i));
            }
        }
        assertThat(walkedIds).isEqualTo(ids(list(tenant, "shards?limit=500")));
        List<String> ascending = ids(walk(tenant, "shards?sort=createdAt&limit=50"));
        List<String> reversed = new ArrayList<>(ascending);
        java.util.Collections.reverse(reversed);
        assertThat(reversed).isEqualTo(walkedIds);
    }

    @Test
    void tamperedCursorIsRejected() {
        TestTenant tenant = newTenant();
        bulkAccounts(tenant, 3);
        String cursor = tenant.api().get("shards?limit=1").json().get("nextCursor").asString();

        int middle = cursor.length() / 3;
        String tampered = cursor.substring(0, middle) + (cursor.charAt(middle) == 'A' ? 'B' : 'A') + cursor.substring(middle + 1);
        Api.Response response = tenant.api().get("shards?limit=1&cursor=" + enc(tampered));
        Api.Response garbage = tenant.api().get("shards?limit=1&cursor=not-a-cursor");
        Api.Response truncated = tenant.api().get("shards?limit=1&cursor=" + enc(cursor.substring(0, cursor.length() - 4)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(tenant.api().get("shards?limit=1&cursor=" + enc(cursor)).status()).isEqualTo(200);
    }

    @Test
    void cursorWithAnyOneCharacterChangedIsRejected() {
        TestTenant tenant = newTenant();
        bulkAccounts(tenant, 3);
        String cursor = tenant.api().get("shards?limit=1").json().get("nextCursor").asString();

        List<Integer> accepted = new ArrayList<>();
        for (int i = 0; i < cursor.length(); i++) {
            char c = cursor.charAt(i);
            if (c == '.') {
                continue;
            }
            // another base64url character: the same 6-bit value with its lowest bit flipped
            char changed = BASE64URL.charAt(BASE64URL.indexOf(c) ^ 1);
            String tampered = cursor.substring(0, i) + changed + cursor.substring(i + 1);
            if (tenant.api().get("shards?limit=1&cursor=" + enc(tampered)).status() != 400) {
                accepted.add(i);
            }
        }

        assertThat(accepted).as("positions of %s where a changed character was accepted", cursor).isEmpty();
    }

    @Test
    void cursorReusedWithDifferentFiltersOrSortIsRejected() {
        TestTenant tenant = newTenant();
        bulkAccounts(tenant, 3);
        String cursor = enc(tenant.api().get("shards?limit=1&type=c_account").json().get("nextCursor").asString());

        assertThat(tenant.api().get("shards?limit=1&type=c_account&cursor=" + cursor).status()).isEqualTo(200);
        assertThat(tenant.api().get("shards?limit=2&type=c_account&cursor=" + cursor).status()).as("another limit is fine").isEqualTo(200);
        assertThat(tenant.api().get("shards?limit=1&cursor=" + cursor).status()).isEqualTo(400);
        assertThat(tenant.api().get("shards?limit=1&type=c_note&cursor=" + cursor).status()).isEqualTo(400);
        assertThat(tenant.api().get("shards?limit=1&type=c_account&status=draft&cursor=" + cursor).status()).isEqualTo(400);
        assertThat(tenant.api().get("shards?limit=1&type=c_account&" + whereParams("name:exists:true") + "&cursor=" + cursor).status())
                .isEqualTo(400);
        assertThat(tenant.api().get("shards?limit=1&type=c_account&sort=createdAt&cursor=" + cursor).status()).isEqualTo(400);
        assertThat(tenant.api().get("shards?limit=1&type=c_account&sort=-updatedAt&cursor=" + cursor).status()).isEqualTo(400);
        Api.Response different = tenant.api().get("shards?limit=1&type=c_account&q=acme&cursor=" + cursor);
        assertThat(different.status()).isEqualTo(400);
        assertThat(different.contentType()).startsWith("application/problem+json");
    }

    @Test
    void limitOutOfRangeIsRejected() {
        TestTenant tenant = newTenant();
        tenant.account("One");

        for (String limit : List.of("0", "501", "-1", "abc")) {
            Api.Response response = tenant.api().get("shards?limit=" + limit);
            assertThat(response.status()).as(limit).isEqualTo(400);
            assertThat(response.contentType()).as(limit).startsWith("application/problem+json");
        }
        assertThat(tenant.api().get("shards?limit=1").status()).isEqualTo(200);
        assertThat(tenant.api().get("shards?limit=500").status()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- helpers

    /** Four opportunities covering strings, numbers, dates, arrays, nested objects and missing fields. */
    private TestTenant opportunities() {
        TestTenant tenant = newTenant();
        create(tenant, """
                {"shardType": "c_opportunity", "structuredData": {"name": "Alpha deal", "amount": 100, "stage": "prospecting",
                 "closeDate": "2026-01-15", "probability": 10, "labels": ["hot", "q1"], "owner": {"region": "EMEA"}}}""");
        create(tenant, """
                {"shardType": "c_opportunity", "structuredData": {"name": "Beta", "amount": 250.5, "stage": "proposal",
                 "closeDate": "2026-03-01", "probability": 50, "labels": ["cold", "q1"]}}""");
        create(tenant, """
                {"shardType": "c_opportunity", "structuredData": {"name": "Gamma Project", "amount": 1000, "stage": "closed_won",
                 "closeDate": "2026-06-30", "scores": [3, 5]}}""");
        create(tenant, """
                {"shardType": "c_opportunity", "structuredData": {"name": "Delta", "stage": "negotiation"}}""");
        return tenant;
    }

    private TestTenant amounts() {
        TestTenant tenant = newTenant();
        tenant.createShard("c_opportunity", Api.object().put("name", "a300").put("amount", 300));
        tenant.createShard("c_opportunity", Api.object().put("name", "none"));
        tenant.createShard("c_opportunity", Api.object().put("name", "a500").put("amount", 500));
        tenant.createShard("c_opportunity", Api.object().put("name", "a100").put("amount", 100));
        return tenant;
    }

    private List<String> bulkAccounts(TestTenant tenant, int count) {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < count; i++) {
            ObjectNode item = items.addObject();
            item.put("shardType", "c_account");
            item.putObject("structuredData").put("name", "Account " + i);
        }
        ObjectNode body = Api.object();
        body.set("items", items);
        Api.Response response = tenant.api().post("shards/bulk", body);
        assertThat(response.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("results").forEach(r -> {
            assertThat(r.get("status").asInt()).isEqualTo(201);
            ids.add(r.get("id").asString());
        });
        return ids;
    }

    /** Names of the opportunities matching all filters, oldest first. */
    private List<String> where(TestTenant tenant, String... filters) {
        return names(list(tenant, "shards?type=c_opportunity&sort=createdAt&limit=500&" + whereParams(filters)));
    }

    private static String whereParams(String... filters) {
        List<String> params = new ArrayList<>();
        for (String filter : filters) {
            params.add("where=" + enc(filter));
        }
        return String.join("&", params);
    }

    private static JsonNode create(TestTenant tenant, String body) {
        Api.Response response = tenant.api().post("shards", body);
        assertThat(response.status()).as("create %s", response).isEqualTo(201);
        return response.json();
    }

    /** The items of one page, after checking it is a 200. */
    private static List<JsonNode> list(TestTenant tenant, String path) {
        Api.Response response = tenant.api().get(path);
        assertThat(response.status()).as("GET %s -> %s", path, response).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        response.json().get("items").forEach(items::add);
        return items;
    }

    /** Every item of every page, following nextCursor. */
    private static List<JsonNode> walk(TestTenant tenant, String path) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Response response = tenant.api().get(path + (cursor == null ? "" : "&cursor=" + enc(cursor)));
            assertThat(response.status()).as("GET %s -> %s", path, response).isEqualTo(200);
            response.json().get("items").forEach(items::add);
            JsonNode next = response.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
            pages++;
        } while (cursor != null && pages < 1_000);
        return items;
    }

    private static List<String> names(List<JsonNode> shards) {
        return shards.stream().map(s -> s.at("/structuredData/name").isMissingNode() ? s.at("/structuredData/title").asString()
                : s.at("/structuredData/name").asString()).toList();
    }

    private static List<String> ids(List<JsonNode> shards) {
        return shards.stream().map(ShardTests::id).toList();
    }

    private static String id(JsonNode shard) {
        return shard.get("id").asString();
    }

    private static List<Integer> revisionNumbers(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<Integer> numbers = new ArrayList<>();
        response.json().get("items").forEach(r -> numbers.add(r.get("revision").asInt()));
        return numbers;
    }

    private static List<String> pointers(Api.Response response) {
        List<String> pointers = new ArrayList<>();
        response.json().path("errors").forEach(e -> pointers.add(e.path("pointer").asString()));
        return pointers;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
