package io.castiel.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import io.castiel.webhook.WebhookReceiver;

/** The delivery log keeps finished deliveries for the retention period, then the hourly job purges them. */
class DeliveryLogPurgeTests extends CastielTest {

    @Autowired
    DeliveryLogPurge purge;

    @Test
    void finishedDeliveriesOlderThanTheRetentionArePurged() {
        TestTenant tenant = newTenant();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Api.Response created = tenant.api().post("webhooks", Api.object().put("url", receiver.url("/purge"))
                    .set("events", Api.JSON.createArrayNode().add("shard.created")));
            String id = created.json().get("id").asString();
            receiver.secret("/purge", created.json().get("secret").asString());
            tenant.account("Old");
            tenant.account("Recent");
            receiver.await("/purge", 2);
            String old = receiver.received("/purge").get(0).webhookId();
            long finished = 0;
            for (int i = 0; i < 200 && finished < 2; i++) {
                sleep();
                finished = tenants.inTenant(tenant.id(), () -> jdbc.sql("select count(*) from webhook_deliveries where status = 'succeeded'")
                        .query(Long.class).single());
            }
            tenants.inTenant(tenant.id(), () -> jdbc.sql("update webhook_deliveries set created_at = now() - interval '31 days' where event_id = ?")
                    .param(UUID.fromString(old)).update());

            purge.purge();

            var left = tenant.api().get("webhooks/" + id + "/deliveries").json().get("items");
            assertThat(left).hasSize(1);
            assertThat(left.get(0).get("eventId").asString()).isNotEqualTo(old);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
