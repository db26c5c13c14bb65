package io.castiel.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Saved views over HTTP: CRUD with ETags, where and sort checked as GET /shards checks them, visibility, audit. */
class SavedViewTests extends CastielTest {

    private static ObjectNode view(String name, String visibility) {
        ObjectNode body = Api.object().put("name", name).put("shardType", "c_opportunity").put("sort", "-structuredData.amount")
                .put("visibility", visibility);
        body.putArray("where").add("stage:in:proposal|negotiation").add("amount:gte:10000");
        body.putArray("columns").add("name").add("structuredData.amount").add("structuredData.stage");
        return body;
    }

    private static Set<String> pointers(Api.Response response) {
        Set<String> pointers = new HashSet<>();
        response.json().path("errors").forEach(e -> pointers.add(e.get("pointer").asString()));
        return pointers;
    }

    @Test
    void savedViewIsCreatedReadChangedAndDeleted() {
        TestTenant tenant = newTenant();

        Api.Response created = tenant.api().post("saved-views", view("Big deals", "private"));
        String id = created.json().get("id").asString();
        Api.Response read = tenant.api().get("saved-views/" + id);
        Api.Response patched = tenant.api().withHeader("If-Match", "\"1\"").patch("saved-views/" + id, Api.object().put("name", "Huge deals"));
        Api.Response stale = tenant.api().withHeader("If-Match", "\"1\"").patch("saved-views/" + id, Api.object().put("name", "Stale"));
        Api.Response deleted = tenant.api().withHeader("If-Match", "\"2\"").delete("saved-views/" + id);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.header("Location")).isEqualTo("/api/v1/saved-views/" + id);
        assertThat(read.json().get("where")).hasSize(2);
        assertThat(read.json().get("sort").asString()).isEqualTo("-structuredData.amount");
        assertThat(read.json().at("/columns/1").asString()).isEqualTo("structuredData.amount");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.header("ETag")).isEqualTo("\"2\"");
        assertThat(patched.json().get("where")).hasSize(2);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(tenant.api().get("saved-views/" + id).status()).isEqualTo(404);
    }

    @Test
    void badWhereIsA422PointingAtTheFilter() {
        TestTenant tenant = newTenant();
        ObjectNode body = view("Bad", "private");
        body.putArray("where").add("stage:eq:won").add("amount:between:1").add("no-operator");

        Api.Response response = tenant.api().post("saved-views", body);

        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(pointers(response)).containsExactlyInAnyOrder("/where/1", "/where/2");
    }

    @Test
    void badSortUnknownTypeAndBadVisibilityAreRejected() {
        TestTenant tenant = newTenant();
        ObjectNode body = view("Bad", "everyone").put("sort", "amount; drop table shards").put("shardType", "no_such_type");

        Api.Response response = tenant.api().post("saved-views", body);

        assertThat(response.status()).isEqualTo(422);
        assertThat(pointers(response)).contains("/sort", "/shardType", "/visibility");
    }

    @Test
    void privateViewIsInvisibleToAnotherMemberAndSharedOneIsReadOnlyForThem() {
        TestTenant tenant = newTenant();
        TestTenant.Member author = addUser(tenant, "member");
        TestTenant.Member other = addUser(tenant, "member");
        String mine = author.api().post("saved-views", view("Mine", "private")).json().get("id").asString();
        String ours = author.api().post("saved-views", view("Ours", "tenant")).json().get("id").asString();

        assertThat(other.api().get("saved-views/" + mine).status()).isEqualTo(404);
        assertThat(other.api().get("saved-views/" + ours).status()).isEqualTo(200);
        assertThat(other.api().patch("saved-views/" + ours, Api.object().put("name", "Theirs")).status()).isEqualTo(403);
        assertThat(ids(other.api(), "saved-views?shardType=c_opportunity")).contains(ours).doesNotContain(mine);
        assertThat(ids(other.api(), "saved-views?shardType=c_account")).doesNotContain(ours);
        assertThat(tenant.api().get("saved-views/" + mine).status()).isEqualTo(200);
    }

    @Test
    void anotherTenantsViewIsNotFound() {
        TestTenant a = newTenant();
        TestTenant b = newTenant();
        String id = a.api().post("saved-views", view("A's", "tenant")).json().get("id").asString();

        assertThat(b.api().get("saved-views/" + id).status()).isEqualTo(404);
        assertThat(b.api().delete("saved-views/" + id).status()).isEqualTo(404);
        assertThat(ids(b.api(), "saved-views")).doesNotContain(id);
    }

    @Test
    void viewWritesAreAudited() {
        TestTenant tenant = newTenant();
        String id = tenant.api().post("saved-views", view("Audited", "private")).json().get("id").asString();
        tenant.api().patch("saved-views/" + id, Api.object().put("name", "Audited again"));
        tenant.api().delete("saved-views/" + id);

        List<String> actions = new ArrayList<>();
        tenant.api().get("audit-logs?resourceType=saved_view").json().get("items").forEach(i -> actions.add(i.get("action").asString()));

        assertThat(actions).containsExactlyInAnyOrder("savedview.created", "savedview.updated", "savedview.deleted");
    }

    private static List<String> ids(Api api, String path) {
        List<String> ids = new ArrayList<>();
        JsonNode page = api.get(path).json();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
