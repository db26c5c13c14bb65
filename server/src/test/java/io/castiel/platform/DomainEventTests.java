package io.castiel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.RecordedEvents;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

class DomainEventTests extends CastielTest {

    @Test
    void everyShardChangePublishesItsEventWithTheShardAfterTheChange() {
        TestTenant tenant = newTenant();
        JsonNode account = tenant.account("Acme");
        String id = account.get("id").asString();
        tenant.api().patch("shards/" + id, Api.object().set("structuredData", Api.object().put("industry", "Retail")));
        tenant.api().delete("shards/" + id);
        tenant.api().post("shards/" + id + "/restore", null);

        List<RecordedEvents.Recorded> events = this.events.await(tenant.id(), 5).stream().filter(e -> e.type().startsWith("shard.")).toList();

        assertThat(events).extracting(RecordedEvents.Recorded::type)
                .containsExactly("shard.created", "shard.updated", "shard.deleted", "shard.restored");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.tenantId()).isEqualTo(tenant.id());
            assertThat(event.shardId().toString()).isEqualTo(id);
            assertThat(event.actorId()).isEqualTo(tenant.ownerId());
        });
        RecordedEvents.Recorded updated = events.get(1);
        assertThat(updated.data().at("/structuredData/industry").asString()).isEqualTo("Retail");
        assertThat(updated.data().get("revision").asInt()).isEqualTo(2);
        assertThat(updated.previous().get("revision").asInt()).isEqualTo(1);
        assertThat(updated.previous().at("/structuredData/industry").isMissingNode()).isTrue();
        assertThat(events.get(0).previous()).isNull();
    }

    @Test
    void relationshipTypeAndUserChangesPublishTheirEvents() {
        TestTenant tenant = newTenant();
        int before = this.events.await(tenant.id(), 1).size(); // user.created of the registration
        JsonNode a = tenant.account("A");
        JsonNode b = tenant.account("B");
        String link = tenant.link(a, b, "partner_of");
        tenant.api().delete("relationships/" + link);
        tenant.api().post("shard-types", Api.object().put("name", "invoice").set("schema", Api.object().put("type", "object")));

        List<RecordedEvents.Recorded> events = this.events.await(tenant.id(), before + 5);

        assertThat(events.get(0).type()).isEqualTo("user.created");
        assertThat(events.get(0).data().get("email").asString()).isEqualTo(tenant.ownerEmail());
        assertThat(events.stream().skip(before).map(RecordedEvents.Recorded::type).toList())
                .containsExactly("shard.created", "shard.created", "relationship.created", "relationship.deleted", "shardtype.created");
        assertThat(events.get(before + 2).data().get("id").asString()).isEqualTo(link);
    }

    @Test
    void aFailedWriteLeavesNoEvent() {
        TestTenant tenant = newTenant();
        int before = this.events.await(tenant.id(), 1).size();
        Api.Response invalid = tenant.api().post("shards", Api.object().put("shardType", "c_opportunity")
                .set("structuredData", Api.object().put("amount", "lots")));
        tenant.account("After");

        assertThat(invalid.status()).isEqualTo(422);
        List<RecordedEvents.Recorded> events = this.events.await(tenant.id(), before + 1);
        assertThat(events).hasSize(before + 1);
        assertThat(events.get(before).data().at("/structuredData/name").asString()).isEqualTo("After");
    }

    @Test
    void completedPublicationsAreMarkedInTheRegistry() {
        TestTenant tenant = newTenant();
        String id = tenant.account("Registry").get("id").asString();
        this.events.await(tenant.id(), 2);

        // The registry marks a publication completed right after its listener returned.
        long deadline = System.currentTimeMillis() + 5_000;
        Long incomplete = null;
        while (System.currentTimeMillis() < deadline) {
            incomplete = jdbc.sql("select count(*) from event_publication where completion_date is null and serialized_event like ?")
                    .param("%" + id + "%").query(Long.class).single();
            if (incomplete == 0) {
                break;
            }
            Thread.yield();
        }
        assertThat(incomplete).isZero();
        assertThat(jdbc.sql("select count(*) from event_publication where serialized_event like ?").param("%" + id + "%")
                .query(Long.class).single()).isPositive();
    }
}
