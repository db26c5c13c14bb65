package io.castiel.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.castiel.platform.Ids;
import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import io.castiel.webhook.WebhookReceiver;

/**
 * {@code webhook_claim_heads} hands an endpoint's queue to one worker at a time. A delivery queued
 * under an id taken before its transaction committed can land in front of a batch that a worker has
 * already leased; claiming it as a new head would put a second worker on the endpoint. The claim
 * tests' rows live only inside a rolled-back transaction, so the running dispatcher never sees them.
 */
class DeliveryClaimTests extends CastielTest {

    @Autowired
    Ids ids;

    @Test
    void aHeadBehindWhichAWorkerHoldsALeaseIsNotClaimed() {
        assertThat(claimedWithLeasedBatch(true, false)).isEmpty();
    }

    @Test
    void aDueHeadOfAnIdleEndpointIsClaimed() {
        assertThat(claimedWithLeasedBatch(false, false)).hasSize(1);
    }

    @Test
    void anEndpointAWorkerOfTheClaimingNodeHoldsIsNotClaimedEvenWithNothingLeased() {
        assertThat(claimedWithLeasedBatch(false, true)).isEmpty();
    }

    /**
     * A claim can lease a head that, by the time its worker leases a batch, sits behind a delivery
     * that committed later under an earlier id and that another worker leased. The claim's lease
     * must go back: the endpoint's queue would otherwise wait a whole lease (a minute) for it.
     */
    @Test
    void aClaimedHeadThatIsNoLongerTheQueuesHeadGivesItsLeaseBack(@Autowired DeliveryDispatcher dispatcher) {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            TestTenant tenant = newTenant();
            Api.Response endpoint = tenant.api().post("webhooks", Api.object().put("url", receiver.url("/late"))
                    .set("events", Api.JSON.createArrayNode().add("shard.deleted")));
            assertThat(endpoint.status()).as(endpoint.toString()).isEqualTo(201);
            UUID endpointId = UUID.fromString(endpoint.json().get("id").asString());
            receiver.secret("/late", endpoint.json().get("secret").asString());
            UUID lateKey = ids.next();
            UUID claimedKey = ids.next();
            UUID claimed = tenants.inTenant(tenant.id(), () -> {
                // Another worker's lease, short; the claim's own lease, as webhook_claim_heads sets it.
                insert(tenant.id(), endpointId, lateKey, "1 second");
                return insert(tenant.id(), endpointId, claimedKey, "60 seconds");
            });

            dispatcher.work(new DeliveryLeases.Claim(tenant.id(), claimed, endpointId));
            List<WebhookReceiver.Received> received = receiver.await("/late", 2, Duration.ofSeconds(10), r -> true);

            assertThat(received).extracting(WebhookReceiver.Received::webhookId)
                    .as("both delivered in queue order once the other worker's lease ran out, not the claim's")
                    .containsExactly(eventIdOf(tenant.id(), lateKey).toString(), eventIdOf(tenant.id(), claimedKey).toString());
        }
    }

    /**
     * Queues a late head and a later delivery (leased or not) and returns what a claim takes of this
     * endpoint; {@code busy}: the claiming node has a worker on it.
     */
    private List<UUID> claimedWithLeasedBatch(boolean leased, boolean busy) {
        TestTenant tenant = newTenant();
        Api.Response endpoint = tenant.api().post("webhooks", Api.object().put("url", "http://127.0.0.1:9/claims")
                .set("events", Api.JSON.createArrayNode().add("shard.deleted")));
        assertThat(endpoint.status()).as(endpoint.toString()).isEqualTo(201);
        UUID endpointId = UUID.fromString(endpoint.json().get("id").asString());
        UUID lateHead = ids.next();
        UUID leasedKey = ids.next();
        try {
            tenants.inTenant(tenant.id(), () -> {
                insert(tenant.id(), endpointId, leasedKey, leased ? "60 seconds" : null);
                insert(tenant.id(), endpointId, lateHead, null);
                String busyEndpoints = busy ? "{" + endpointId + "}" : "{}";
                List<UUID> claimed = jdbc.sql("select endpoint_id from webhook_claim_heads(1000, 60, cast(? as uuid[]))").param(busyEndpoints)
                        .query(UUID.class).list().stream().filter(endpointId::equals).toList();
                throw new RolledBack(claimed); // leaves nothing behind, also no lease on other tests' deliveries
            });
        } catch (RolledBack result) {
            return result.claimed;
        }
        throw new AssertionError("unreachable");
    }

    private static final class RolledBack extends RuntimeException {

        private final transient List<UUID> claimed;

        RolledBack(List<UUID> claimed) {
            super(null, null, false, false);
            this.claimed = claimed;
        }
    }

    /** A due pending delivery queued under {@code key}, leased for {@code lease} (an interval) or not; returns its id. */
    private UUID insert(UUID tenantId, UUID endpointId, UUID key, String lease) {
        UUID id = ids.next();
        jdbc.sql("""
                insert into webhook_deliveries (tenant_id, id, endpoint_id, queue_key, event_id, event_type, payload, attempt, status,
                    next_attempt_at, leased_until)
                values (?, ?, ?, ?, ?, 'shard.deleted', ?, 1, 'pending', now() - interval '1 second', now() + cast(? as interval))""")
                .params(tenantId, id, endpointId, key, eventIdOf(tenantId, key), "{\"type\":\"shard.deleted\",\"key\":\"" + key + "\"}", lease)
                .update();
        return id;
    }

    /** The event id a delivery queued under {@code key} carries: derived from it, so that the receiver's webhook-id tells them apart. */
    private static UUID eventIdOf(UUID tenantId, UUID key) {
        return UUID.nameUUIDFromBytes((tenantId + "/" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
