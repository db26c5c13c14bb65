package io.castiel.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.castiel.platform.Actor;
import io.castiel.platform.Role;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Permissions beyond the four roles: a shard's acl and per-role shard type permissions, on every
 * path that reads or changes shards (get, list, graph, relationships, revisions, bulk, revert, restore).
 */
class ShardPermissionTests extends CastielTest {

    @Autowired
    private ShardAccess access;

    // ---------------------------------------------------------------- acl: reading

    @Test
    void aShardWithAnAclIsReadOnlyByTheListedUsers() {
        TestTenant tenant = newTenant();
        TestTenant.Member listed = addUser(tenant, "member");
        TestTenant.Member unlisted = addUser(tenant, "member");
        TestTenant.Member viewer = addUser(tenant, "viewer");
        JsonNode secret = create(tenant.api(), "c_account", "Secret", acl(entry(listed.id(), "read")));
        JsonNode open = tenant.account("Open");

        assertThat(listed.api().get("shards/" + id(secret)).status()).isEqualTo(200);
        Api.Response hidden = unlisted.api().get("shards/" + id(secret));
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.contentType()).startsWith("application/problem+json");
        assertThat(viewer.api().get("shards/" + id(secret)).status()).isEqualTo(404);
        assertThat(ids(listAll(listed.api(), "shards", 50))).containsExactlyInAnyOrder(id(secret), id(open));
        assertThat(ids(listAll(unlisted.api(), "shards", 50))).containsExactly(id(open));
        assertThat(ids(listAll(viewer.api(), "shards", 50))).containsExactly(id(open));
        assertThat(unlisted.api().get("shards/" + id(secret) + "?includeDeleted=true").status()).isEqualTo(404);
    }

    @Test
    void ownersAndAdminsAlwaysReadAndWriteShardsWithAnAcl() {
        TestTenant tenant = newTenant();
        TestTenant.Member admin = addUser(tenant, "admin");
        TestTenant.Member member = addUser(tenant, "member");
        TestTenant.Member someoneElse = addUser(tenant, "member");
        JsonNode shard = create(member.api(), "c_account", "Mine", acl(entry(someoneElse.id(), "read")));

        assertThat(tenant.api().get("shards/" + id(shard)).status()).isEqualTo(200);
        assertThat(admin.api().get("shards/" + id(shard)).status()).isEqualTo(200);
        assertThat(ids(listAll(admin.api(), "shards", 50))).containsExactly(id(shard));
        assertThat(admin.api().patch("shards/" + id(shard), "{\"metadata\": {\"by\": \"admin\"}}").status()).isEqualTo(200);
        assertThat(tenant.api().patch("shards/" + id(shard), "{\"metadata\": {\"by\": \"owner\"}}").status()).isEqualTo(200);
    }

    @Test
    void theCreatorKeepsReadAndWriteEvenWhenTheAclLeavesThemOut() {
        TestTenant tenant = newTenant();
        TestTenant.Member creator = addUser(tenant, "member");
        TestTenant.Member other = addUser(tenant, "member");
        JsonNode shard = create(creator.api(), "c_account", "Mine", acl(entry(other.id(), "read")));

        assertThat(creator.api().get("shards/" + id(shard)).status()).isEqualTo(200);
        assertThat(ids(listAll(creator.api(), "shards", 50))).containsExactly(id(shard));
        assertThat(creator.api().patch("shards/" + id(shard), "{\"metadata\": {\"v\": 2}}").status()).isEqualTo(200);
        assertThat(other.api().patch("shards/" + id(shard), "{\"metadata\": {\"v\": 3}}").status()).isEqualTo(403);
    }

    @Test
    void aclUserIdsAreStoredInCanonicalFormSoListsMatchThem() {
        TestTenant tenant = newTenant();
        TestTenant.Member listed = addUser(tenant, "member");
        JsonNode shard = create(tenant.api(), "c_account", "Upper", acl(entry(listed.id().toString().toUpperCase(), "read")));

        assertThat(shard.at("/acl/0/userId").asString()).isEqualTo(listed.id().toString());
        assertThat(ids(listAll(listed.api(), "shards", 50))).containsExactly(id(shard));
    }

    @Test
    void listPagesStayFullAndCursorsValidWhenShardsAreHidden() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        TestTenant.Member other = addUser(tenant, "member");
        List<String> visible = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            if (i % 3 == 0) {
                visible.add(id(tenant.account("Visible " + i)));
            } else {
                create(tenant.api(), "c_account", "Hidden " + i, acl(entry(other.id(), "read", "write")));
            }
        }

        List<List<JsonNode>> pages = pages(member.api(), "shards?sort=createdAt", 2);

        assertThat(pages).hasSize(2);
        assertThat(pages.get(0)).hasSize(2);
        assertThat(pages.get(1)).hasSize(1);
        assertThat(pages.stream().flatMap(List::stream).map(ShardPermissionTests::id).toList()).containsExactlyElementsOf(visible);
    }

    // ---------------------------------------------------------------- acl: writing

    @Test
    void onlyUsersListedWithWriteMayChangeDeleteRestoreOrRevert() {
        TestTenant tenant = newTenant();
        TestTenant.Member reader = addUser(tenant, "member");
        TestTenant.Member writer = addUser(tenant, "member");
        ArrayNode acl = acl(entry(reader.id(), "read"), entry(writer.id(), "read", "write"));
        JsonNode shard = create(tenant.api(), "c_account", "Shared", acl);
        JsonNode deleted = create(tenant.api(), "c_account", "Deleted", acl.deepCopy());
        tenant.api().delete("shards/" + id(deleted));
        String path = "shards/" + id(shard);

        Api.Response patch = reader.api().patch(path, "{\"metadata\": {\"by\": \"reader\"}}");
        assertThat(patch.status()).isEqualTo(403);
        assertThat(patch.contentType()).startsWith("application/problem+json");
        assertThat(reader.api().delete(path).status()).isEqualTo(403);
        assertThat(reader.api().post(path + "/revisions/1/revert", null).status()).isEqualTo(403);
        assertThat(reader.api().post("shards/" + id(deleted) + "/restore", null).status()).isEqualTo(403);
        assertThat(tenant.api().get(path).json().get("revision").asInt()).isEqualTo(1);

        assertThat(writer.api().patch(path, "{\"metadata\": {\"by\": \"writer\"}}").status()).isEqualTo(200);
        assertThat(writer.api().post(path + "/revisions/1/revert", null).status()).isEqualTo(200);
        assertThat(writer.api().post("shards/" + id(deleted) + "/restore", null).status()).isEqualTo(200);
        assertThat(writer.api().delete(path).status()).isEqualTo(204);
    }

    @Test
    void aListedViewerStillCannotWrite() {
        TestTenant tenant = newTenant();
        TestTenant.Member viewer = addUser(tenant, "viewer");
        JsonNode shard = create(tenant.api(), "c_account", "Shared", acl(entry(viewer.id(), "read", "write")));

        assertThat(viewer.api().get("shards/" + id(shard)).status()).isEqualTo(200);
        assertThat(viewer.api().patch("shards/" + id(shard), "{\"metadata\": {\"v\": 1}}").status()).isEqualTo(403);
    }

    @Test
    void writersMayChangeTheAclAndTheChangeIsAudited() {
        TestTenant tenant = newTenant();
        TestTenant.Member writer = addUser(tenant, "member");
        TestTenant.Member newcomer = addUser(tenant, "member");
        JsonNode shard = create(tenant.api(), "c_account", "Shared", acl(entry(writer.id(), "read", "write")));
        assertThat(newcomer.api().get("shards/" + id(shard)).status()).isEqualTo(404);

        ObjectNode patch = Api.object();
        patch.set("acl", acl(entry(writer.id(), "read", "write"), entry(newcomer.id(), "read")));
        assertThat(writer.api().patch("shards/" + id(shard), patch).status()).isEqualTo(200);

        assertThat(newcomer.api().get("shards/" + id(shard)).status()).isEqualTo(200);
        JsonNode audit = tenant.api().get("audit-logs?action=shard.updated&resourceId=" + id(shard)).json().get("items");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).at("/changes/patch/acl/1/userId").asString()).isEqualTo(newcomer.id().toString());

        Api.Response clear = writer.api().patch("shards/" + id(shard), "{\"acl\": null}");
        assertThat(clear.status()).isEqualTo(200);
        assertThat(clear.json().get("acl")).isEmpty();
        assertThat(addUser(tenant, "viewer").api().get("shards/" + id(shard)).status()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- acl: relationships, graph, revisions

    @Test
    void linkingNeedsWriteOnBothEndsAndUnreadableEndsAreNotFound() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        JsonNode mine = tenant.account("Writable");
        JsonNode readOnly = create(tenant.api(), "c_account", "Read only", acl(entry(member.id(), "read")));
        JsonNode hidden = create(tenant.api(), "c_account", "Hidden", acl(entry(tenant.ownerId(), "read", "write")));
        String hiddenEdge = tenant.link(mine, hidden, "partner_of");
        String readOnlyEdge = tenant.link(mine, readOnly, "partner_of");

        assertThat(member.api().post("relationships", edge(mine, readOnly)).status()).isEqualTo(403);
        assertThat(member.api().post("relationships", edge(readOnly, mine)).status()).isEqualTo(403);
        assertThat(member.api().post("relationships", edge(mine, hidden)).status()).isEqualTo(404);
        assertThat(member.api().post("relationships", edge(hidden, mine)).status()).isEqualTo(404);
        assertThat(member.api().delete("relationships/" + hiddenEdge).status()).isEqualTo(404);
        assertThat(member.api().delete("relationships/" + readOnlyEdge).status()).isEqualTo(403);
        assertThat(tenant.api().post("relationships", edge(readOnly, hidden)).status()).isEqualTo(201);
    }

    @Test
    void unreadableShardsAndTheirEdgesAreLeftOutOfRelationshipsAndGraph() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        JsonNode root = tenant.account("Root");
        JsonNode visible = tenant.account("Visible");
        JsonNode hidden = create(tenant.api(), "c_account", "Hidden", acl(entry(tenant.ownerId(), "read", "write")));
        JsonNode behindHidden = tenant.account("Only reachable through the hidden one");
        String visibleEdge = tenant.link(root, visible, "partner_of");
        tenant.link(root, hidden, "partner_of");
        tenant.link(hidden, behindHidden, "partner_of");

        JsonNode relationships = member.api().get("shards/" + id(root) + "/relationships").json().get("items");
        JsonNode graph = member.api().get("shards/" + id(root) + "/graph?depth=3").json();
        JsonNode ownersGraph = tenant.api().get("shards/" + id(root) + "/graph?depth=3").json();

        assertThat(relationships).hasSize(1);
        assertThat(relationships.get(0).get("id").asString()).isEqualTo(visibleEdge);
        assertThat(ids(graph.get("nodes"))).containsExactlyInAnyOrder(id(root), id(visible));
        assertThat(graph.get("edges")).hasSize(1);
        assertThat(graph.at("/edges/0/id").asString()).isEqualTo(visibleEdge);
        assertThat(member.api().get("shards/" + id(hidden) + "/graph").status()).isEqualTo(404);
        assertThat(member.api().get("shards/" + id(hidden) + "/relationships").status()).isEqualTo(404);
        assertThat(ids(ownersGraph.get("nodes"))).containsExactlyInAnyOrder(id(root), id(visible), id(hidden), id(behindHidden));
    }

    @Test
    void revisionsOfAnUnreadableShardAreNotFound() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        JsonNode hidden = create(tenant.api(), "c_account", "Hidden", acl(entry(tenant.ownerId(), "read", "write")));
        tenant.api().patch("shards/" + id(hidden), "{\"metadata\": {\"v\": 2}}");

        assertThat(member.api().get("shards/" + id(hidden) + "/revisions").status()).isEqualTo(404);
        assertThat(member.api().get("shards/" + id(hidden) + "/revisions/1").status()).isEqualTo(404);
        assertThat(member.api().post("shards/" + id(hidden) + "/revisions/1/revert", null).status()).isEqualTo(404);
        assertThat(member.api().patch("shards/" + id(hidden), "{\"metadata\": {\"v\": 3}}").status()).isEqualTo(404);
        assertThat(member.api().delete("shards/" + id(hidden)).status()).isEqualTo(404);
        assertThat(tenant.api().get("shards/" + id(hidden) + "/revisions").json().get("items")).hasSize(2);
    }

    // ---------------------------------------------------------------- acl: validation

    @Test
    void malformedAclsAre422WithPointers() {
        TestTenant tenant = newTenant();
        String user = UUID.randomUUID().toString();

        assertThat(pointers(createRaw(tenant, "\"acl\": [{\"userId\": \"not-a-uuid\", \"permissions\": [\"read\"]}]")))
                .containsExactly("/acl/0/userId");
        assertThat(pointers(createRaw(tenant, "\"acl\": [{\"userId\": \"" + user + "\", \"permissions\": [\"admin\"]}]")))
                .containsExactly("/acl/0/permissions");
        assertThat(pointers(createRaw(tenant, "\"acl\": [{\"userId\": \"" + user + "\", \"permissions\": [\"write\"]}]")))
                .containsExactly("/acl/0/permissions");
        assertThat(pointers(createRaw(tenant, "\"acl\": [{\"userId\": \"" + user + "\", \"permissions\": []}]")))
                .containsExactly("/acl/0/permissions");
        assertThat(pointers(createRaw(tenant, "\"acl\": [{\"userId\": \"" + user + "\", \"permissions\": [\"read\"]}, "
                + "{\"userId\": \"" + user.toUpperCase() + "\", \"permissions\": [\"read\", \"write\"]}]"))).containsExactly("/acl/1/userId");
        assertThat(pointers(createRaw(tenant, "\"acl\": {\"userId\": \"" + user + "\"}"))).containsExactly("/acl");
        assertThat(pointers(createRaw(tenant, "\"acl\": [{\"userId\": \"" + user + "\", \"permissions\": [\"read\"], \"role\": \"x\"}]")))
                .containsExactly("/acl/0/role");

        JsonNode shard = tenant.account("Patched");
        Api.Response patch = tenant.api().patch("shards/" + id(shard), "{\"acl\": [{\"userId\": 42, \"permissions\": [\"read\"]}]}");
        assertThat(patch.status()).isEqualTo(422);
        assertThat(pointers(patch)).containsExactly("/acl/0/userId");

        Api.Response bulk = tenant.api().post("shards/bulk", "{\"items\": [{\"shardType\": \"c_account\", \"structuredData\": "
                + "{\"name\": \"B\"}, \"acl\": [{\"userId\": \"nope\", \"permissions\": [\"read\"]}]}]}");
        assertThat(bulk.json().at("/results/0/status").asInt()).isEqualTo(422);
        assertThat(bulk.json().at("/results/0/error/errors/0/pointer").asString()).isEqualTo("/items/0/acl/0/userId");
    }

    // ---------------------------------------------------------------- type permissions

    @Test
    void membersMayReadButNotWriteAReadOnlyType() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        TestTenant.Member viewer = addUser(tenant, "viewer");
        JsonNode deal = create(tenant.api(), "c_opportunity", "Big deal", null);
        assertThat(tenant.api().put("shard-types/c_opportunity/permissions", "{\"member\": [\"read\"]}").status()).isEqualTo(200);

        Api.Response create = member.api().post("shards", "{\"shardType\": \"c_opportunity\", \"structuredData\": {\"name\": \"Mine\"}}");
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.contentType()).startsWith("application/problem+json");
        Api.Response bulk = member.api().post("shards/bulk", """
                {"items": [{"shardType": "c_opportunity", "structuredData": {"name": "No"}},
                           {"shardType": "c_account", "structuredData": {"name": "Yes"}}]}""");
        assertThat(bulk.json().at("/results/0/status").asInt()).isEqualTo(403);
        assertThat(bulk.json().at("/results/1/status").asInt()).isEqualTo(201);
        assertThat(member.api().get("shards/" + id(deal)).status()).isEqualTo(200);
        assertThat(ids(listAll(member.api(), "shards?type=c_opportunity", 50))).containsExactly(id(deal));
        assertThat(member.api().get("shards/" + id(deal) + "/revisions").status()).isEqualTo(200);
        assertThat(member.api().patch("shards/" + id(deal), "{\"metadata\": {\"v\": 2}}").status()).isEqualTo(403);
        assertThat(member.api().delete("shards/" + id(deal)).status()).isEqualTo(403);
        assertThat(member.api().post("relationships", edge(tenant.account("Acme"), deal)).status()).isEqualTo(403);
        assertThat(viewer.api().get("shards/" + id(deal)).status()).isEqualTo(200);
        assertThat(addUser(tenant, "admin").api().post("shards",
                "{\"shardType\": \"c_opportunity\", \"structuredData\": {\"name\": \"Admin's\"}}").status()).isEqualTo(201);
        assertThat(addUser(tenant, "member").api().patch("shards/" + id(deal), "{\"metadata\": {\"v\": 3}}").status()).isEqualTo(403);
    }

    @Test
    void aTypeHiddenFromViewersIsAbsentFromEveryReadPath() {
        TestTenant tenant = newTenant();
        TestTenant.Member viewer = addUser(tenant, "viewer");
        TestTenant.Member member = addUser(tenant, "member");
        List<String> accounts = new ArrayList<>();
        JsonNode note = null;
        for (int i = 0; i < 4; i++) {
            JsonNode account = tenant.account("Account " + i);
            accounts.add(id(account));
            note = create(tenant.api(), "c_note", "Note " + i, null);
            tenant.link(account, note, "has_note");
        }
        tenant.api().patch("shards/" + id(note), "{\"metadata\": {\"v\": 2}}");
        assertThat(tenant.api().put("shard-types/c_note/permissions", "{\"viewer\": []}").status()).isEqualTo(200);
        String lastAccount = accounts.get(3);

        assertThat(viewer.api().get("shards/" + id(note)).status()).isEqualTo(404);
        List<List<JsonNode>> pages = pages(viewer.api(), "shards?sort=createdAt", 3);
        assertThat(pages.stream().map(List::size).toList()).containsExactly(3, 1);
        assertThat(pages.stream().flatMap(List::stream).map(ShardPermissionTests::id).toList()).containsExactlyElementsOf(accounts);
        assertThat(listAll(viewer.api(), "shards?type=c_note", 50)).isEmpty();
        assertThat(viewer.api().get("shards/" + lastAccount + "/relationships").json().get("items")).isEmpty();
        JsonNode graph = viewer.api().get("shards/" + lastAccount + "/graph").json();
        assertThat(ids(graph.get("nodes"))).containsExactly(lastAccount);
        assertThat(graph.get("edges")).isEmpty();
        assertThat(viewer.api().get("shards/" + id(note) + "/revisions").status()).isEqualTo(404);
        assertThat(viewer.api().get("shards/" + id(note) + "/revisions/1").status()).isEqualTo(404);

        assertThat(member.api().get("shards/" + id(note)).status()).isEqualTo(200);
        assertThat(listAll(member.api(), "shards?type=c_note", 50)).hasSize(4);
        assertThat(member.api().get("shards/" + lastAccount + "/graph").json().get("nodes")).hasSize(2);
    }

    @Test
    void membersMayBeDeniedATypeEntirely() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        JsonNode task = create(tenant.api(), "c_task", "Secret task", null);
        tenant.api().put("shard-types/c_task/permissions", "{\"member\": []}");

        assertThat(member.api().get("shards/" + id(task)).status()).isEqualTo(404);
        assertThat(member.api().patch("shards/" + id(task), "{\"metadata\": {\"v\": 2}}").status()).isEqualTo(404);
        assertThat(member.api().post("shards", "{\"shardType\": \"c_task\", \"structuredData\": {\"title\": \"T\"}}").status())
                .isEqualTo(403);
        assertThat(listAll(member.api(), "shards", 50)).isEmpty();
    }

    @Test
    void systemTypePermissionsAreSetByAdminsShownOnTheTypeAndAudited() {
        TestTenant tenant = newTenant();
        TestTenant other = newTenant();
        TestTenant.Member admin = addUser(tenant, "admin");
        TestTenant.Member member = addUser(tenant, "member");

        assertThat(member.api().put("shard-types/c_opportunity/permissions", "{\"member\": [\"read\"]}").status()).isEqualTo(403);
        Api.Response set = admin.api().put("shard-types/c_opportunity/permissions", "{\"member\": [\"read\"], \"viewer\": []}");

        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().get("permissions")).isEqualTo(Api.parse("{\"member\": [\"read\"], \"viewer\": []}"));
        assertThat(set.json().get("system").asBoolean()).isTrue();
        assertThat(tenant.api().get("shard-types/c_opportunity").json().get("permissions"))
                .isEqualTo(Api.parse("{\"member\": [\"read\"], \"viewer\": []}"));
        JsonNode listed = tenant.api().get("shard-types").json().get("items");
        assertThat(typeNamed(listed, "c_opportunity").get("permissions")).isEqualTo(Api.parse("{\"member\": [\"read\"], \"viewer\": []}"));
        assertThat(typeNamed(listed, "c_account").get("permissions"))
                .isEqualTo(Api.parse("{\"member\": [\"read\", \"write\"], \"viewer\": [\"read\"]}"));
        assertThat(other.api().get("shard-types/c_opportunity").json().get("permissions"))
                .isEqualTo(Api.parse("{\"member\": [\"read\", \"write\"], \"viewer\": [\"read\"]}"));
        JsonNode audit = tenant.api().get("audit-logs?action=shardtype.permissions.updated").json().get("items");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("actorId").asString()).isEqualTo(admin.id().toString());
        assertThat(audit.get(0).get("resourceId").asString()).isEqualTo("c_opportunity");

        assertThat(admin.api().put("shard-types/c_opportunity/permissions", "{}").status()).isEqualTo(200);
        assertThat(member.api().post("shards", "{\"shardType\": \"c_opportunity\", \"structuredData\": {\"name\": \"Ok\"}}").status())
                .isEqualTo(201);
        assertThat(tenant.api().put("shard-types/c_opportunity", "{\"name\": \"c_opportunity\", \"schema\": {\"type\": \"object\"}}")
                .status()).isEqualTo(409);
    }

    @Test
    void customTypesCarryPermissionsOnCreateAndUpdate() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        String schema = "\"schema\": {\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\"}}}";

        Api.Response created = tenant.api().post("shard-types",
                "{\"name\": \"contract\", " + schema + ", \"permissions\": {\"member\": [\"read\"]}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("permissions")).isEqualTo(Api.parse("{\"member\": [\"read\"], \"viewer\": [\"read\"]}"));
        assertThat(member.api().post("shards", "{\"shardType\": \"contract\", \"structuredData\": {\"name\": \"C\"}}").status())
                .isEqualTo(403);

        // A PUT without permissions keeps them: a schema change never widens access by accident.
        assertThat(tenant.api().put("shard-types/contract", "{\"name\": \"contract\", " + schema + "}").status()).isEqualTo(200);
        assertThat(tenant.api().get("shard-types/contract").json().at("/permissions/member"))
                .isEqualTo(Api.parse("[\"read\"]"));

        Api.Response widened = tenant.api().put("shard-types/contract", "{\"name\": \"contract\", " + schema + ", \"permissions\": {}}");
        assertThat(widened.json().at("/permissions/member")).isEqualTo(Api.parse("[\"read\", \"write\"]"));
        assertThat(member.api().post("shards", "{\"shardType\": \"contract\", \"structuredData\": {\"name\": \"C\"}}").status())
                .isEqualTo(201);
    }

    @Test
    void aDeletedTypesPermissionsDoNotOutliveIt() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        String body = "{\"name\": \"memo\", \"schema\": {\"type\": \"object\"}%s}";
        tenant.api().post("shard-types", body.formatted(", \"permissions\": {\"member\": []}"));
        assertThat(tenant.api().delete("shard-types/memo").status()).isEqualTo(204);

        tenant.api().post("shard-types", body.formatted(""));

        assertThat(member.api().post("shards", "{\"shardType\": \"memo\", \"structuredData\": {}}").status()).isEqualTo(201);
    }

    @Test
    void badPermissionsAre422WithPointers() {
        TestTenant tenant = newTenant();
        String path = "shard-types/c_account/permissions";

        assertThat(pointers(expect(422, tenant.api().put(path, "{\"admin\": [\"read\"]}")))).containsExactly("/admin");
        assertThat(pointers(expect(422, tenant.api().put(path, "{\"guest\": []}")))).containsExactly("/guest");
        assertThat(pointers(expect(422, tenant.api().put(path, "{\"member\": [\"delete\"]}")))).containsExactly("/member");
        assertThat(pointers(expect(422, tenant.api().put(path, "{\"member\": \"read\"}")))).containsExactly("/member");
        assertThat(pointers(expect(422, tenant.api().put(path, "{\"member\": [\"write\"]}")))).containsExactly("/member");
        assertThat(pointers(expect(422, tenant.api().put(path, "{\"viewer\": [\"read\", \"write\"]}")))).containsExactly("/viewer");
        assertThat(expect(422, tenant.api().put(path, "[\"read\"]")).contentType()).startsWith("application/problem+json");
        assertThat(tenant.api().put(path, "{\"member\": [").status()).isEqualTo(400);
        assertThat(tenant.api().put("shard-types/no_such_type/permissions", "{}").status()).isEqualTo(404);
        assertThat(tenant.api().put("shard-types/Not%20A%20Name/permissions", "{}").status()).isEqualTo(404);
        assertThat(pointers(expect(422, tenant.api().post("shard-types",
                "{\"name\": \"bad_perms\", \"schema\": {\"type\": \"object\"}, \"permissions\": {\"viewer\": [\"write\"]}}"))))
                .containsExactly("/permissions/viewer");
        assertThat(tenant.api().get("shard-types/bad_perms").status()).isEqualTo(404);
        assertThat(tenant.api().get("shard-types/c_account").json().get("permissions"))
                .isEqualTo(Api.parse("{\"member\": [\"read\", \"write\"], \"viewer\": [\"read\"]}"));
    }

    @Test
    void typePermissionsAreNeverReadOutsideTheTenantsTransaction() {
        TestTenant tenant = newTenant();
        TestTenant other = newTenant();
        tenant.api().put("shard-types/c_note/permissions", "{\"member\": []}");
        Actor member = new Actor(UUID.randomUUID(), tenant.id(), Set.of(Role.MEMBER));

        ShardAccess.Rules inItsTenant = tenants.inTenant(tenant.id(), () -> access.rules(member));

        assertThat(inItsTenant.mayReadType("c_note")).isFalse();
        assertThat(inItsTenant.mayReadType("c_account")).isTrue();
        // Row-Level Security would hide the settings and leave only the (wider) defaults: fail closed instead.
        assertThatThrownBy(() -> tenants.inTenant(other.id(), () -> access.rules(member))).isInstanceOf(IllegalStateException.class);
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode create(Api api, String type, String name, ArrayNode acl) {
        ObjectNode body = Api.object().put("shardType", type);
        body.set("structuredData", Api.object().put(type.equals("c_note") || type.equals("c_task") ? "title" : "name", name));
        if (acl != null) {
            body.set("acl", acl);
        }
        Api.Response response = api.post("shards", body);
        if (response.status() != 201) {
            throw new IllegalStateException("create failed: " + response);
        }
        return response.json();
    }

    private static Api.Response createRaw(TestTenant tenant, String aclField) {
        Api.Response response = tenant.api().post("shards", "{\"shardType\": \"c_account\", \"structuredData\": {\"name\": \"A\"}, "
                + aclField + "}");
        return expect(422, response);
    }

    private static Api.Response expect(int status, Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response;
    }

    private static ArrayNode acl(ObjectNode... entries) {
        ArrayNode acl = Api.JSON.createArrayNode();
        for (ObjectNode entry : entries) {
            acl.add(entry);
        }
        return acl;
    }

    private static ObjectNode entry(Object userId, String... permissions) {
        ObjectNode entry = Api.object().put("userId", userId.toString());
        ArrayNode granted = entry.putArray("permissions");
        for (String permission : permissions) {
            granted.add(permission);
        }
        return entry;
    }

    private static ObjectNode edge(JsonNode source, JsonNode target) {
        return Api.object().put("sourceId", id(source)).put("targetId", id(target)).put("type", "related_to");
    }

    /** Every page of a list, following nextCursor. */
    private static List<List<JsonNode>> pages(Api api, String path, int limit) {
        List<List<JsonNode>> pages = new ArrayList<>();
        String cursor = null;
        do {
            String url = path + (path.contains("?") ? "&" : "?") + "limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor);
            Api.Response response = api.get(url);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            List<JsonNode> items = new ArrayList<>();
            response.json().get("items").forEach(items::add);
            pages.add(items);
            cursor = response.json().get("nextCursor").isNull() ? null : response.json().get("nextCursor").asString();
        } while (cursor != null && pages.size() < 100);
        return pages;
    }

    private static List<JsonNode> listAll(Api api, String path, int limit) {
        return pages(api, path, limit).stream().flatMap(List::stream).toList();
    }

    private static JsonNode typeNamed(JsonNode types, String name) {
        for (JsonNode type : types) {
            if (type.get("name").asString().equals(name)) {
                return type;
            }
        }
        throw new AssertionError("no type " + name);
    }

    private static List<String> pointers(Api.Response response) {
        List<String> pointers = new ArrayList<>();
        response.json().path("errors").forEach(e -> pointers.add(e.get("pointer").asString()));
        return pointers;
    }

    private static List<String> ids(Iterable<JsonNode> shards) {
        List<String> ids = new ArrayList<>();
        shards.forEach(s -> ids.add(id(s)));
        return ids;
    }

    private static String id(JsonNode shard) {
        return shard.get("id").asString();
    }
}
