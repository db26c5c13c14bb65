package io.castiel.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.castiel.platform.Ids;
import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;

/**
 * {@code webhook_claim_heads} hands an endpoint's queue to one worker at a time. A delivery queued
 * under an id taken before its transaction committed can land in front of a batch that a worker has
 * already leased; claiming it as a new head would put a second worker on the endpoint. The rows
 * live only inside a rolled-back transaction, so the running dispatcher never sees them.
 */
class DeliveryClaimTests extends CastielTest {

    @Autowired
    Ids ids;

    @Test
    void aHeadBehindWhichAWorkerHoldsALeaseIsNotClaimed() {
        assertThat(claimedWithLeasedBatch(true)).isEmpty();
    }

    @Test
    void aDueHeadOfAnIdleEndpointIsClaimed() {
        assertThat(claimedWithLeasedBatch(false)).hasSize(1);
    }

    /** Queues a late head and a later delivery (leased or not) and returns what a claim takes of this endpoint. */
    private List<UUID> claimedWithLeasedBatch(boolean leased) {
        TestTenant tenant = newTenant();
        Api.Response endpoint = tenant.api().post("webhooks", Api.object().put("url", "http://127.0.0.1:9/claims")
                .set("events", Api.JSON.createArrayNode().add("shard.deleted")));
        assertThat(endpoint.status()).as(endpoint.toString()).isEqualTo(201);
        UUID endpointId = UUID.fromString(endpoint.json().get("id").asString());
        UUID lateHead = ids.next();
        UUID leasedKey = ids.next();
        try {
            tenants.inTenant(tenant.id(), () -> {
                insert(tenant.id(), endpointId, leasedKey, leased);
                insert(tenant.id(), endpointId, lateHead, false);
                List<UUID> claimed = jdbc.sql("select endpoint_id from webhook_claim_heads(1000, 60)").query(UUID.class).list()
                        .stream().filter(endpointId::equals).toList();
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

    private void insert(UUID tenantId, UUID endpointId, UUID key, boolean leased) {
        jdbc.sql("""
                insert into webhook_deliveries (tenant_id, id, endpoint_id, queue_key, event_id, event_type, payload, attempt, status,
                    next_attempt_at, leased_until)
                values (?, ?, ?, ?, ?, 'shard.deleted', '{}', 1, 'pending', now() - interval '1 second',
                    case when ? then now() + interval '60 seconds' end)""")
                .params(tenantId, ids.next(), endpointId, key, ids.next(), leased).update();
    }
}
