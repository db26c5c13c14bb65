package io.castiel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.Node;
import tools.jackson.databind.JsonNode;

/**
 * A node with two delivery workers. After its endpoint's queue runs dry a worker waits two seconds
 * for that endpoint's next event (a steady stream then needs no claim round per event), but not
 * while another endpoint's delivery waits for a worker.
 */
class WebhookWorkerTests {

    @Test
    void aWorkerWaitingForItsEndpointsNextEventGivesWayWhenNoOtherWorkerIsFree() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        try (WebhookReceiver receiver = new WebhookReceiver(); Node node = Node.start("castiel.webhooks.workers=2")) {
            Node.Owner first = node.register("10.20.0.1");
            Node.Owner second = node.register("10.20.0.2");
            Node.Owner third = node.register("10.20.0.3");
            JsonNode endpoint = subscribe(first, receiver.url("/first"));
            receiver.secret("/first", endpoint.get("secret").asString());
            receiver.secret("/second", subscribe(second, receiver.url("/second")).get("secret").asString());
            receiver.secret("/third", subscribe(third, receiver.url("/third")).get("secret").asString());
            receiver.pause("/second", release, Duration.ZERO);

            write(first, "a");
            awaitSucceeded(first, endpoint.get("id").asString());
            Thread.sleep(200); // from recording the delivery to waiting for the next one
            // One worker now waits for the first endpoint's next event; the other gets stuck in the second's receiver.
            write(second, "b");
            awaitAnswering(receiver, "/second");
            long start = System.nanoTime();
            write(third, "c");
            receiver.await("/third", 1, Duration.ofSeconds(10), r -> true);
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            release.countDown();
            write(first, "d");
            List<WebhookReceiver.Received> firsts = receiver.await("/first", 2, Duration.ofSeconds(10), r -> true);
            List<WebhookReceiver.Received> seconds = receiver.await("/second", 1, Duration.ofSeconds(10), r -> true);

            assertThat(waited).as("the third endpoint did not wait out the first one's linger").isLessThan(Duration.ofMillis(1000));
            assertThat(firsts).extracting(r -> r.body().at("/data/structuredData/name").asString()).containsExactly("a", "d");
            assertThat(firsts).allMatch(r -> r.answered() == 200);
            assertThat(seconds).hasSize(1).allMatch(r -> r.answered() == 200);
            assertThat(receiver.received("/third")).hasSize(1).allMatch(r -> r.answered() == 200);
        }
    }

    private static JsonNode subscribe(Node.Owner owner, String url) {
        Api.Response created = owner.api().post("webhooks", Api.object().put("url", url)
                .set("events", Api.JSON.createArrayNode().add("shard.created")));
        assertThat(created.status()).isEqualTo(201);
        return created.json();
    }

    /** Waits until the endpoint's delivery log shows a delivery succeeded: its worker recorded it. */
    private static void awaitSucceeded(Node.Owner owner, String endpointId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!owner.api().get("webhooks/" + endpointId + "/deliveries").text().contains("\"succeeded\"")) {
            assertThat(Instant.now()).as("a delivery to " + endpointId + " succeeded").isBefore(deadline);
            Thread.sleep(5);
        }
    }

    private static void write(Node.Owner owner, String name) {
        Api.Response created = owner.api().post("shards", Api.object().put("shardType", "c_account")
                .set("structuredData", Api.object().put("name", name)));
        assertThat(created.status()).isEqualTo(201);
    }

    private static void awaitAnswering(WebhookReceiver receiver, String path) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (receiver.mostAtOnce(path) == 0) {
            assertThat(Instant.now()).as("a request reached " + path).isBefore(deadline);
            Thread.sleep(5);
        }
    }
}
