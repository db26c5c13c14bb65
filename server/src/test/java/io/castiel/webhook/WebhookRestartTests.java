package io.castiel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.castiel.support.Api;
import io.castiel.support.Node;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks across restarts of the application on one embedded database home: with the default
 * settings private addresses are refused, and deliveries pending when the application stops
 * (the receiver was down) all arrive after it starts again.
 */
class WebhookRestartTests {

    @TempDir
    java.nio.file.Path home;

    @Test
    void privateAndMetadataAddressesAreRefusedByDefaultAndPendingDeliveriesSurviveARestart() {
        String token;
        try (Node defaults = Node.startIn(home, "castiel.webhooks.allow-private-networks=false")) {
            Api api = defaults.api();
            token = api.post("auth/register", Api.object().put("tenantName", "Restarted Hooks").put("email", "hooks@example.test")
                    .put("password", TestTenant.PASSWORD).put("name", "H")).json().get("accessToken").asString();
            Api owner = api.withToken(token);
            for (String url : List.of("http://169.254.169.254/", "http://127.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://10.0.0.8/hook")) {
                Api.Response refused = owner.post("webhooks", Api.object().put("url", url).set("events", Api.JSON.createArrayNode().add("*")));
                assertThat(refused.status()).as(url).isEqualTo(400);
                assertThat(refused.json().at("/errors/0/pointer").asString()).isEqualTo("/url");
            }
        }

        int receiverPort;
        String secret;
        List<String> written = new ArrayList<>();
        try (WebhookReceiver probe = new WebhookReceiver()) {
            receiverPort = probe.port();
        }
        // The receiver is down while the writes happen; a slow retry schedule keeps the endpoint enabled.
        try (Node first = Node.startIn(home, "castiel.webhooks.retry-delays=2s,2s,2s,2s,2s,2s")) {
            Api owner = first.api().withToken(token);
            JsonNode created = owner.post("webhooks", Api.object().put("url", "http://127.0.0.1:" + receiverPort + "/restart")
                    .set("events", Api.JSON.createArrayNode().add("shard.created"))).json();
            secret = created.get("secret").asString();
            for (int i = 0; i < 5; i++) {
                written.add(owner.post("shards", Api.object().put("shardType", "c_note").set("structuredData", Api.object().put("title", "n" + i)))
                        .json().get("id").asString());
            }
        }

        try (WebhookReceiver receiver = new WebhookReceiver(receiverPort)) {
            receiver.secret("/restart", secret);
            try (Node second = Node.startIn(home, "castiel.webhooks.retry-delays=2s,2s,2s,2s,2s,2s")) {
                List<WebhookReceiver.Received> got = receiver.await("/restart", 5, Duration.ofSeconds(20), r -> r.answered() == 200);

                assertThat(got).allMatch(WebhookReceiver.Received::signatureValid);
                Set<String> delivered = got.stream().map(r -> r.body().at("/data/id").asString()).collect(Collectors.toCollection(TreeSet::new));
                assertThat(delivered).containsExactlyInAnyOrderElementsOf(written);
                assertThat(got).extracting(r -> r.body().at("/data/id").asString()).as("in order").containsExactlyElementsOf(written);
            }
        }
    }
}
