package io.castiel.search;

import static io.castiel.search.Embeddings.awaitReady;
import static io.castiel.search.Embeddings.awaitStatus;
import static io.castiel.search.Notes.note;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.Eventually;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A shard type with {@code embed: false}: its shards get no vectors, and switching it back embeds them. */
class NotEmbeddedTypeTests extends CastielTest {

    private static ObjectNode vendorType(Boolean embed) {
        ObjectNode type = Api.object().put("name", "vendor");
        ObjectNode properties = type.putObject("schema").put("type", "object").putObject("properties");
        properties.putObject("name").put("type", "string");
        properties.putObject("notes").put("type", "string");
        if (embed != null) {
            type.put("embed", embed);
        }
        return type;
    }

    private static JsonNode vendor(TestTenant tenant, String name, String notes) {
        return tenant.createShard("vendor", Api.object().put("name", name).put("notes", notes));
    }

    @Test
    void aTypeIsEmbeddedUnlessItSaysOtherwise() {
        TestTenant tenant = newTenant();

        Api.Response created = tenant.api().post("shard-types", vendorType(null));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("embed").asBoolean()).isTrue();
        assertThat(tenant.api().get("shard-types/c_note").json().get("embed").asBoolean()).as("built-ins are embedded").isTrue();
        Api.Response wrong = tenant.api().post("shard-types", vendorType(null).put("name", "vendor_two").put("embed", "sometimes"));
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);
    }

    @Test
    void shardsOfATypeThatIsNotEmbeddedGetNoVectors() {
        TestTenant tenant = newTenant();
        Api.Response created = tenant.api().post("shard-types", vendorType(false));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("embed").asBoolean()).isFalse();

        JsonNode vendor = vendor(tenant, "Acme Fasteners", "Reliable supplier of stainless steel bolts, net-30 terms.");
        // A shard written after it and embedded: the worker has had its turn at everything queued before.
        JsonNode note = note(tenant.api(), "Bolt order", "We ordered stainless steel bolts for the new conveyor.");
        awaitReady(tenant.api(), note);

        String id = vendor.get("id").asString();
        assertThat(vendor.get("embeddingStatus").asString()).isEqualTo("none");
        assertThat(tenant.api().get("shards/" + id).json().get("embeddingStatus").asString()).isEqualTo("none");
        assertThat(rows(tenant, "embedding_queue", id)).as("nothing is queued for it").isZero();
        assertThat(rows(tenant, "shard_chunks", id)).isZero();
        Api.Response semantic = tenant.api().post("search", Api.object().put("query", "stainless steel bolts supplier").put("mode", "semantic"));
        assertThat(semantic.json().findValuesAsString("id")).doesNotContain(id).contains(note.get("id").asString());
        Api.Response keyword = tenant.api().post("search", Api.object().put("query", "Acme Fasteners").put("mode", "keyword"));
        assertThat(keyword.json().at("/items/0/shard/id").asString()).as("keyword search still finds it").isEqualTo(id);

        // A change of its text keeps it without vectors.
        Api.Response patched = tenant.api().patch("shards/" + id, Api.object().set("structuredData",
                Api.object().put("notes", "Now also supplies rivets.")));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("embeddingStatus").asString()).isEqualTo("none");
    }

    @Test
    void switchingEmbeddingOnQueuesTheShardsAndOffDropsTheirVectors() {
        TestTenant tenant = newTenant();
        assertThat(tenant.api().post("shard-types", vendorType(false)).status()).isEqualTo(201);
        JsonNode vendor = vendor(tenant, "Borealis Metals", "Supplies aluminium sheet; delivery within two weeks.");
        String id = vendor.get("id").asString();

        Api.Response on = tenant.api().put("shard-types/vendor", vendorType(true));
        assertThat(on.status()).as(on.toString()).isEqualTo(200);
        assertThat(on.json().get("embed").asBoolean()).isTrue();
        awaitStatus(tenant.api(), id, "ready");
        assertThat(rows(tenant, "shard_chunks", id)).isPositive();

        // Left out on PUT, the setting stays as it is.
        Api.Response unchanged = tenant.api().put("shard-types/vendor", vendorType(null).put("description", "Our suppliers"));
        assertThat(unchanged.status()).as(unchanged.toString()).isEqualTo(200);
        assertThat(unchanged.json().get("embed").asBoolean()).isTrue();

        Api.Response off = tenant.api().put("shard-types/vendor", vendorType(false));
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(off.json().get("embed").asBoolean()).isFalse();
        awaitNoRows(tenant, id);
        awaitStatus(tenant.api(), id, "none");
        assertThat(tenant.api().get("shard-types/vendor").json().get("embed").asBoolean()).isFalse();
    }

    @Test
    void aReindexLeavesATypeThatIsNotEmbeddedAlone() {
        TestTenant tenant = newTenant();
        assertThat(tenant.api().post("shard-types", vendorType(false)).status()).isEqualTo(201);
        JsonNode vendor = vendor(tenant, "Cobalt Freight", "Ships containers from Rotterdam.");
        JsonNode note = note(tenant.api(), "Freight", "Containers ship from Rotterdam every Tuesday.");
        awaitReady(tenant.api(), note);

        String embeddedAt = embeddedAt(tenant, note.get("id").asString());

        assertThat(tenant.api().post("admin/reindex", Api.object()).status()).isEqualTo(202);
        assertThat(Eventually.until(() -> embeddedAt(tenant, note.get("id").asString()), at -> !at.equals(embeddedAt), Duration.ofSeconds(90)))
                .as("the reindex re-embeds the note").isNotEqualTo(embeddedAt);
        awaitReady(tenant.api(), note);

        assertThat(tenant.api().get("shards/" + vendor.get("id").asString()).json().get("embeddingStatus").asString()).isEqualTo("none");
        assertThat(rows(tenant, "shard_chunks", vendor.get("id").asString())).isZero();
    }

    private long rows(TestTenant tenant, String table, String shardId) {
        return tenants.inTenant(tenant.id(), () -> jdbc.sql("select count(*) from " + table + " where tenant_id = ? and shard_id = ?::uuid")
                .params(tenant.id(), shardId).query(Long.class).single());
    }

    private String embeddedAt(TestTenant tenant, String shardId) {
        return tenants.inTenant(tenant.id(), () -> jdbc.sql("select embedded_at::text from shard_embeddings where tenant_id = ? and shard_id = ?::uuid")
                .params(tenant.id(), shardId).query(String.class).single());
    }

    private void awaitNoRows(TestTenant tenant, String shardId) {
        assertThat(Eventually.until(() -> rows(tenant, "shard_chunks", shardId) + rows(tenant, "shard_embeddings", shardId), n -> n == 0,
                Duration.ofSeconds(90))).as("the vectors of shard " + shardId + " are removed").isZero();
    }

}
