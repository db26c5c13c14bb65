package io.castiel.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

class RelationshipTests extends CastielTest {

    // ---- creating -----------------------------------------------------------------------------

    @Test
    void createAnswers201WithTheRelationship() {
        TestTenant tenant = newTenant();
        JsonNode account = tenant.account("Acme");
        JsonNode contact = tenant.createShard("c_contact", Api.object().put("lastName", "Doe"));

        Api.Response response = tenant.api().post("relationships", Api.object().put("sourceId", id(account))
                .put("targetId", id(contact)).put("type", "has_contact").set("properties", Api.object().put("role", "buyer")));

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(UUID.fromString(body.get("id").asString())).isNotNull();
        assertThat(body.get("sourceId").asString()).isEqualTo(id(account));
        assertThat(body.get("targetId").asString()).isEqualTo(id(contact));
        assertThat(body.get("type").asString()).isEqualTo("has_contact");
        assertThat(body.get("properties")).isEqualTo(Api.object().put("role", "buyer"));
        assertThat(body.get("createdAt").isString()).isTrue();
        assertThatCode(() -> Instant.parse(body.get("createdAt").asString())).doesNotThrowAnyException();
        assertThat(response.header("Location")).endsWith("/relationships/" + body.get("id").asString());
    }

    @Test
    void createWithoutPropertiesAnswersAnEmptyObject() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");

        Api.Response response = tenant.api().post("relationships", edge(a, b, "partner_of"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("properties")).isEqualTo(Api.object());
    }

    @Test
    void duplicateSourceTargetAndTypeIsAConflict() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");
        tenant.link(a, b, "partner_of");

        Api.Response duplicate = tenant.api().post("relationships", edge(a, b, "partner_of"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.contentType()).startsWith("application/problem+json");
        assertThat(tenant.api().get("shards/" + id(a) + "/relationships").json().get("items")).hasSize(1);
    }

    @Test
    void samePairWithAnotherTypeOrTheReverseDirectionIsAllowed() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");
        tenant.link(a, b, "partner_of");

        assertThat(tenant.api().post("relationships", edge(a, b, "supplier_of")).status()).isEqualTo(201);
        assertThat(tenant.api().post("relationships", edge(b, a, "partner_of")).status()).isEqualTo(201);
        assertThat(tenant.api().get("shards/" + id(a) + "/relationships").json().get("items")).hasSize(3);
    }

    @Test
    void unknownSourceOrTargetIsNotFound() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        String unknown = UUID.randomUUID().toString();

        Api.Response unknownSource = tenant.api().post("relationships", Api.object().put("sourceId", unknown)
                .put("targetId", id(a)).put("type", "partner_of"));
        Api.Response unknownTarget = tenant.api().post("relationships", Api.object().put("sourceId", id(a))
                .put("targetId", unknown).put("type", "partner_of"));

        assertThat(unknownSource.status()).isEqualTo(404);
        assertThat(unknownSource.contentType()).startsWith("application/problem+json");
        assertThat(unknownTarget.status()).isEqualTo(404);
    }

    @Test
    void softDeletedSourceOrTargetIsNotFound() {
        TestTenant tenant = newTenant();
        JsonNode live = tenant.account("Live");
        JsonNode deleted = tenant.account("Deleted");
        assertThat(tenant.api().delete("shards/" + id(deleted)).status()).isEqualTo(204);

        assertThat(tenant.api().post("relationships", edge(deleted, live, "partner_of")).status()).isEqualTo(404);
        assertThat(tenant.api().post("relationships", edge(live, deleted, "partner_of")).status()).isEqualTo(404);
    }

    @Test
    void badTypeNamesAreRejected() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");

        for (String bad : List.of("Has_Contact", "x", "1abc", "has-contact", "has contact", "_abc", "a".repeat(64), "")) {
            Api.Response response = tenant.api().post("relationships", edge(a, b, bad));
            assertThat(response.status()).as("type '%s'", bad).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        Api.Response missing = tenant.api().post("relationships", Api.object().put("sourceId", id(a)).put("targetId", id(b)));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(tenant.api().get("shards/" + id(a) + "/relationships").json().get("items")).isEmpty();
    }

    @Test
    void missingIdsAndNonObjectPropertiesAreRejected() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");

        Api.Response noSource = tenant.api().post("relationships", Api.object().put("targetId", id(b)).put("type", "partner_of"));
        Api.Response noTarget = tenant.api().post("relationships", Api.object().put("sourceId", id(a)).put("type", "partner_of"));
        Api.Response badProperties = tenant.api().post("relationships", edge(a, b, "partner_of").put("properties", "text"));
        Api.Response badId = tenant.api().post("relationships", Api.object().put("sourceId", "not-a-uuid").put("targetId", id(b))
                .put("type", "partner_of"));

        assertThat(noSource.status()).isEqualTo(400);
        assertThat(noTarget.status()).isEqualTo(400);
        assertThat(badProperties.status()).isEqualTo(400);
        assertThat(badId.status()).isEqualTo(400);
    }

    @Test
    void viewersCannotCreateOrDeleteRelationshipsButCanReadThem() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");
        String existing = tenant.link(a, b, "partner_of");
        TestTenant.Member viewer = addUser(tenant, "viewer");

        Api.Response create = viewer.api().post("relationships", edge(b, a, "partner_of"));
        Api.Response delete = viewer.api().delete("relationships/" + existing);

        assertThat(create.status()).isEqualTo(403);
        assertThat(create.contentType()).startsWith("application/problem+json");
        assertThat(delete.status()).isEqualTo(403);
        assertThat(viewer.api().get("shards/" + id(a) + "/relationships").json().get("items")).hasSize(1);
        assertThat(viewer.api().get("shards/" + id(a) + "/graph").status()).isEqualTo(200);
    }

    @Test
    void membersCanCreateRelationships() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");
        TestTenant.Member member = addUser(tenant, "member");

        assertThat(member.api().post("relationships", edge(a, b, "partner_of")).status()).isEqualTo(201);
    }

    @Test
    void aRepeatedCreateWithTheSameIdempotencyKeyReplaysTheFirstAnswer() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");
        Api keyed = tenant.api().withHeader("Idempotency-Key", "rel-" + UUID.randomUUID());

        Api.Response first = keyed.post("relationships", edge(a, b, "partner_of"));
        Api.Response repeat = keyed.post("relationships", edge(a, b, "partner_of"));
        Api.Response otherBody = keyed.post("relationships", edge(b, a, "partner_of"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(tenant.api().get("shards/" + id(a) + "/relationships").json().get("items")).hasSize(1);
    }

    @Test
    void creatingAndDeletingARelationshipIsAudited() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");
        String relationship = tenant.link(a, b, "partner_of");
        tenant.api().delete("relationships/" + relationship);

        JsonNode rows = tenant.api().get("audit-logs?resourceType=relationship&resourceId=" + relationship).json().get("items");

        List<String> actions = new ArrayList<>();
        rows.forEach(row -> actions.add(row.get("action").asString()));
        assertThat(actions).containsExactlyInAnyOrder("relationship.created", "relationship.deleted");
        rows.forEach(row -> {
            assertThat(row.at("/changes/sourceId").asString()).isEqualTo(id(a));
            assertThat(row.at("/changes/targetId").asString()).isEqualTo(id(b));
            assertThat(row.at("/changes/type").asString()).isEqualTo("partner_of");
            assertThat(row.get("actorId").asString()).isEqualTo(tenant.ownerId().toString());
        });
    }

    @Test
    void permanentlyDeletingAShardRemovesItsRelationships() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");
        tenant.link(a, b, "partner_of");
        String toB = tenant.link(b, a, "supplier_of");

        assertThat(tenant.api().delete("shards/" + id(b) + "?permanent=true").status()).isEqualTo(204);

        assertThat(tenant.api().get("shards/" + id(a) + "/relationships").json().get("items")).isEmpty();
        assertThat(tenant.api().delete("relationships/" + toB).status()).isEqualTo(404);
    }

    // ---- listing a shard's relationships ------------------------------------------------------

    @Test
    void listFiltersByDirectionAndType() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");
        JsonNode c = tenant.account("C");
        JsonNode d = tenant.account("D");
        String ab = tenant.link(a, b, "partner_of");
        String ca = tenant.link(c, a, "partner_of");
        String ad = tenant.link(a, d, "supplier_of");
        tenant.link(b, c, "partner_of");

        String base = "shards/" + id(a) + "/relationships";
        assertThat(relIds(tenant.api().get(base + "?direction=out"))).containsExactlyInAnyOrder(ab, ad);
        assertThat(relIds(tenant.api().get(base + "?direction=in"))).containsExactlyInAnyOrder(ca);
        assertThat(relIds(tenant.api().get(base + "?direction=both"))).containsExactlyInAnyOrder(ab, ca, ad);
        assertThat(relIds(tenant.api().get(base))).as("both by default").containsExactlyInAnyOrder(ab, ca, ad);
        assertThat(relIds(tenant.api().get(base + "?type=partner_of"))).containsExactlyInAnyOrder(ab, ca);
        assertThat(relIds(tenant.api().get(base + "?direction=out&type=partner_of"))).containsExactlyInAnyOrder(ab);
        assertThat(relIds(tenant.api().get(base + "?direction=in&type=supplier_of"))).isEmpty();
        assertThat(relIds(tenant.api().get(base + "?type=unknown_type"))).isEmpty();
    }

    @Test
    void listRejectsBadDirectionTypeAndLimit() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        String base = "shards/" + id(a) + "/relationships";

        for (String query : List.of("?direction=sideways", "?type=Bad-Type", "?limit=0", "?limit=501", "?limit=abc")) {
            Api.Response response = tenant.api().get(base + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).as(query).startsWith("application/problem+json");
        }
    }

    @Test
    void listOfUnknownOrDeletedShardIsNotFound() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        tenant.api().delete("shards/" + id(a));

        assertThat(tenant.api().get("shards/" + UUID.randomUUID() + "/relationships").status()).isEqualTo(404);
        assertThat(tenant.api().get("shards/" + id(a) + "/relationships").status()).isEqualTo(404);
    }

    @Test
    void listPagesWithACursorOverMoreThanFiftyEdges() {
        TestTenant tenant = newTenant();
        JsonNode hub = tenant.account("Hub");
        JsonNode other = tenant.account("Other");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            created.add(tenant.link(hub, other, "rel_%02d".formatted(i)));
        }
        String base = "shards/" + id(hub) + "/relationships";

        JsonNode firstDefault = tenant.api().get(base).json();
        assertThat(firstDefault.get("items")).as("default limit is 50").hasSize(50);
        assertThat(firstDefault.get("nextCursor").isString()).isTrue();

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = tenant.api().get(base + "?limit=20" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            JsonNode body = page.json();
            sizes.add(body.get("items").size());
            body.get("items").forEach(item -> seen.add(item.get("id").asString()));
            cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asString();
        } while (cursor != null && sizes.size() < 10);

        assertThat(sizes).containsExactly(20, 20, 15);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(seen).as("ordered by id").isSorted();

        JsonNode rest = tenant.api().get(base + "?cursor=" + firstDefault.get("nextCursor").asString()).json();
        assertThat(rest.get("items")).hasSize(5);
        assertThat(rest.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void aCursorThatIsTamperedOrFromAnotherShardIsABadRequest() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");
        tenant.link(a, b, "rel_one");
        tenant.link(a, b, "rel_two");
        String cursor = tenant.api().get("shards/" + id(a) + "/relationships?limit=1").json().get("nextCursor").asString();
        String tampered = (cursor.charAt(0) == 'A' ? "B" : "A") + cursor.substring(1);

        Api.Response tamperedPage = tenant.api().get("shards/" + id(a) + "/relationships?limit=1&cursor=" + tampered);
        Api.Response otherShard = tenant.api().get("shards/" + id(b) + "/relationships?limit=1&cursor=" + cursor);

        assertThat(tamperedPage.status()).isEqualTo(400);
        assertThat(tamperedPage.contentType()).startsWith("application/problem+json");
        assertThat(otherShard.status()).isEqualTo(400);
    }

    // ---- deleting -----------------------------------------------------------------------------

    @Test
    void deleteAnswers204AndTheRelationshipIsGone() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");
        String kept = tenant.link(a, b, "supplier_of");
        String doomed = tenant.link(a, b, "partner_of");

        Api.Response delete = tenant.api().delete("relationships/" + doomed);

        assertThat(delete.status()).isEqualTo(204);
        assertThat(relIds(tenant.api().get("shards/" + id(a) + "/relationships"))).containsExactly(kept);
        assertThat(relIds(tenant.api().get("shards/" + id(b) + "/relationships"))).containsExactly(kept);
        assertThat(edgeIds(tenant.api().get("shards/" + id(a) + "/graph").json())).containsExactly(kept);
        Api.Response again = tenant.api().delete("relationships/" + doomed);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(tenant.api().post("relationships", edge(a, b, "partner_of")).status())
                .as("the same edge can be made again").isEqualTo(201);
    }

    @Test
    void deletingAnUnknownRelationshipIsNotFound() {
        TestTenant tenant = newTenant();

        assertThat(tenant.api().delete("relationships/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    // ---- the graph ----------------------------------------------------------------------------

    @Test
    void graphDepthLimitsHowFarTheWalkGoesOnAChain() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");
        JsonNode c = tenant.account("C");
        JsonNode d = tenant.account("D");
        String ab = tenant.link(a, b, "next");
        String bc = tenant.link(b, c, "next");
        String cd = tenant.link(c, d, "next");

        JsonNode depth1 = graph(tenant, a, "depth=1");
        JsonNode depth2 = graph(tenant, a, "depth=2");
        JsonNode depth3 = graph(tenant, a, "depth=3");
        JsonNode depth5 = graph(tenant, a, "depth=5");

        assertThat(nodeIds(depth1)).containsExactlyInAnyOrder(id(a), id(b));
        assertThat(edgeIds(depth1)).containsExactlyInAnyOrder(ab);
        assertThat(nodeIds(depth2)).containsExactlyInAnyOrder(id(a), id(b), id(c));
        assertThat(edgeIds(depth2)).containsExactlyInAnyOrder(ab, bc);
        assertThat(nodeIds(depth3)).containsExactlyInAnyOrder(id(a), id(b), id(c), id(d));
        assertThat(edgeIds(depth3)).containsExactlyInAnyOrder(ab, bc, cd);
        assertThat(nodeIds(depth5)).containsExactlyInAnyOrder(id(a), id(b), id(c), id(d));
    }

    @Test
    void graphNodesAreFullShardsAndEdgesFullRelationships() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("Alpha");
        JsonNode b = tenant.account("Beta");
        String ab = tenant.link(a, b, "next");

        JsonNode graph = graph(tenant, a, "depth=1");

        JsonNode beta = find(graph.get("nodes"), id(b));
        assertThat(beta.get("shardType").asString()).isEqualTo("c_account");
        assertThat(beta.at("/structuredData/name").asString()).isEqualTo("Beta");
        JsonNode edge = find(graph.get("edges"), ab);
        assertThat(edge.get("sourceId").asString()).isEqualTo(id(a));
        assertThat(edge.get("targetId").asString()).isEqualTo(id(b));
        assertThat(edge.get("type").asString()).isEqualTo("next");
    }

    @Test
    void graphDefaultsToDepthTwo() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");
        JsonNode c = tenant.account("C");
        JsonNode d = tenant.account("D");
        tenant.link(a, b, "next");
        tenant.link(b, c, "next");
        tenant.link(c, d, "next");

        assertThat(nodeIds(graph(tenant, a, ""))).containsExactlyInAnyOrder(id(a), id(b), id(c));
    }

    @Test
    void graphOfALonelyShardIsJustTheShard() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("Alone");

        JsonNode graph = graph(tenant, a, "depth=5");

        assertThat(nodeIds(graph)).containsExactly(id(a));
        assertThat(graph.get("edges")).isEmpty();
    }

    @Test
    void graphWalksACycleOnceAndTerminates() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");
        JsonNode c = tenant.account("C");
        String ab = tenant.link(a, b, "next");
        String bc = tenant.link(b, c, "next");
        String ca = tenant.link(c, a, "next");

        for (String direction : List.of("out", "in", "both")) {
            Api.Response response = tenant.api().get("shards/" + id(a) + "/graph?depth=5&direction=" + direction);
            assertThat(response.status()).isEqualTo(200);
            JsonNode graph = response.json();
            assertThat(nodeIds(graph)).as(direction).hasSize(3).containsExactlyInAnyOrder(id(a), id(b), id(c));
            assertThat(edgeIds(graph)).as(direction).hasSize(3).containsExactlyInAnyOrder(ab, bc, ca);
        }
    }

    @Test
    void graphOnADenseCyclicGraphReturnsEachNodeOnce() {
        TestTenant tenant = newTenant();
        List<JsonNode> shards = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            shards.add(tenant.account("N" + i));
        }
        for (JsonNode from : shards) {
            for (JsonNode to : shards) {
                if (from != to) {
                    tenant.link(from, to, "knows");
                }
            }
        }

        JsonNode graph = graph(tenant, shards.get(0), "depth=5");

        assertThat(nodeIds(graph)).hasSize(6).doesNotHaveDuplicates();
        assertThat(edgeIds(graph)).hasSize(30).doesNotHaveDuplicates();
    }

    @Test
    void graphFollowsTheRequestedDirection() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");
        JsonNode c = tenant.account("C");
        String ab = tenant.link(a, b, "next");
        String bc = tenant.link(b, c, "next");

        JsonNode out = graph(tenant, b, "depth=3&direction=out");
        JsonNode in = graph(tenant, b, "depth=3&direction=in");
        JsonNode both = graph(tenant, b, "depth=3&direction=both");
        JsonNode byDefault = graph(tenant, b, "depth=3");

        assertThat(nodeIds(out)).containsExactlyInAnyOrder(id(b), id(c));
        assertThat(edgeIds(out)).containsExactlyInAnyOrder(bc);
        assertThat(nodeIds(in)).containsExactlyInAnyOrder(id(a), id(b));
        assertThat(edgeIds(in)).containsExactlyInAnyOrder(ab);
        assertThat(nodeIds(both)).containsExactlyInAnyOrder(id(a), id(b), id(c));
        assertThat(edgeIds(both)).containsExactlyInAnyOrder(ab, bc);
        assertThat(nodeIds(byDefault)).containsExactlyInAnyOrder(id(a), id(b), id(c));
    }

    @Test
    void graphFollowsOnlyTheRequestedTypes() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");
        JsonNode c = tenant.account("C");
        JsonNode d = tenant.account("D");
        String ab = tenant.link(a, b, "partner_of");
        String ac = tenant.link(a, c, "supplier_of");
        String bd = tenant.link(b, d, "supplier_of");
        String ba = tenant.link(b, a, "supplier_of");

        JsonNode partners = graph(tenant, a, "depth=3&types=partner_of");
        JsonNode suppliers = graph(tenant, a, "depth=1&types=supplier_of");
        JsonNode listed = graph(tenant, a, "depth=3&types=partner_of&types=supplier_of");
        JsonNode commaSeparated = graph(tenant, a, "depth=3&types=partner_of,supplier_of");
        JsonNode unknown = graph(tenant, a, "depth=3&types=no_such_type");

        assertThat(nodeIds(partners)).containsExactlyInAnyOrder(id(a), id(b));
        assertThat(edgeIds(partners)).as("only edges of the requested types").containsExactlyInAnyOrder(ab);
        assertThat(nodeIds(suppliers)).containsExactlyInAnyOrder(id(a), id(b), id(c));
        assertThat(edgeIds(suppliers)).containsExactlyInAnyOrder(ac, ba);
        assertThat(nodeIds(listed)).containsExactlyInAnyOrder(id(a), id(b), id(c), id(d));
        assertThat(edgeIds(listed)).containsExactlyInAnyOrder(ab, ac, bd, ba);
        assertThat(nodeIds(commaSeparated)).containsExactlyInAnyOrder(id(a), id(b), id(c), id(d));
        assertThat(nodeIds(unknown)).containsExactly(id(a));
        assertThat(unknown.get("edges")).isEmpty();
    }

    @Test
    void graphDoesNotWalkThroughDeletedShards() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");
        JsonNode c = tenant.account("C");
        JsonNode d = tenant.account("D");
        tenant.link(a, b, "next");
        tenant.link(b, c, "next");
        String ad = tenant.link(a, d, "next");
        assertThat(tenant.api().delete("shards/" + id(b)).status()).isEqualTo(204);

        JsonNode graph = graph(tenant, a, "depth=5");

        assertThat(nodeIds(graph)).containsExactlyInAnyOrder(id(a), id(d));
        assertThat(edgeIds(graph)).containsExactlyInAnyOrder(ad);
    }

    @Test
    void graphAgainWalksThroughARestoredShard() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");
        JsonNode c = tenant.account("C");
        tenant.link(a, b, "next");
        tenant.link(b, c, "next");
        tenant.api().delete("shards/" + id(b));
        assertThat(tenant.api().post("shards/" + id(b) + "/restore", Api.object()).status()).isEqualTo(200);

        assertThat(nodeIds(graph(tenant, a, "depth=5"))).containsExactlyInAnyOrder(id(a), id(b), id(c));
    }

    @Test
    void graphOfADeletedOrUnknownShardIsNotFound() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");
        tenant.api().delete("shards/" + id(a));

        Api.Response deleted = tenant.api().get("shards/" + id(a) + "/graph");
        Api.Response unknown = tenant.api().get("shards/" + UUID.randomUUID() + "/graph");

        assertThat(deleted.status()).isEqualTo(404);
        assertThat(deleted.contentType()).startsWith("application/problem+json");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void graphRejectsDepthOutsideOneToFiveAndBadParameters() {
        TestTenant tenant = newTenant();
        JsonNode a = tenant.account("A");

        for (String query : List.of("depth=0", "depth=6", "depth=-1", "depth=abc", "direction=up", "types=Bad-Type")) {
            Api.Response response = tenant.api().get("shards/" + id(a) + "/graph?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).as(query).startsWith("application/problem+json");
        }
        assertThat(tenant.api().get("shards/" + id(a) + "/graph?depth=1").status()).isEqualTo(200);
        assertThat(tenant.api().get("shards/" + id(a) + "/graph?depth=5").status()).isEqualTo(200);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static String id(JsonNode shard) {
        return shard.get("id").asString();
    }

    private static tools.jackson.databind.node.ObjectNode edge(JsonNode source, JsonNode target, String type) {
        return Api.object().put("sourceId", id(source)).put("targetId", id(target)).put("type", type);
    }

    private static JsonNode graph(TestTenant tenant, JsonNode root, String query) {
        Api.Response response = tenant.api().get("shards/" + id(root) + "/graph" + (query.isEmpty() ? "" : "?" + query));
        assertThat(response.status()).as("graph %s: %s", query, response).isEqualTo(200);
        return response.json();
    }

    private static List<String> relIds(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return ids(response.json().get("items"));
    }

    private static List<String> nodeIds(JsonNode graph) {
        return ids(graph.get("nodes"));
    }

    private static List<String> edgeIds(JsonNode graph) {
        return ids(graph.get("edges"));
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private static JsonNode find(JsonNode array, String id) {
        Set<String> seen = new HashSet<>();
        for (JsonNode item : array) {
            seen.add(item.get("id").asString());
            if (item.get("id").asString().equals(id)) {
                return item;
            }
        }
        throw new AssertionError(id + " not among " + seen);
    }

    @Test
    void edgesToADeletedShardAreHiddenUntilItIsRestored() {
        TestTenant tenant = newTenant();
        JsonNode account = tenant.account("Hub");
        JsonNode gone = tenant.account("Gone");
        JsonNode kept = tenant.account("Kept");
        tenant.link(account, gone, "partner_of");
        tenant.link(account, kept, "partner_of");

        tenant.api().delete("shards/" + id(gone));
        JsonNode whileDeleted = tenant.api().get("shards/" + id(account) + "/relationships").json().get("items");
        tenant.api().post("shards/" + id(gone) + "/restore", null);
        JsonNode afterRestore = tenant.api().get("shards/" + id(account) + "/relationships").json().get("items");

        assertThat(whileDeleted).hasSize(1);
        assertThat(whileDeleted.get(0).get("targetId").asString()).isEqualTo(id(kept));
        assertThat(afterRestore).hasSize(2);
    }
}
