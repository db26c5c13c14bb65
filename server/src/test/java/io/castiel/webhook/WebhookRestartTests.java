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
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.castiel.CastielApplication;
import io.castiel.support.Api;
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
        try (ConfigurableApplicationContext defaults = start("--castiel.webhooks.allow-private-networks=false")) {
            Api api = new Api(port(defaults), null);
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
        try (ConfigurableApplicationContext first = start("--castiel.webhooks.retry-delays=2s,2s,2s,2s,2s,2s")) {
            Api owner = new Api(port(first), token);
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
            try (ConfigurableApplicationContext second = start("--castiel.webhooks.retry-delays=2s,2s,2s,2s,2s,2s")) {
                List<WebhookReceiver.Received> got = receiver.await("/restart", 5, Duration.ofSeconds(20), r -> r.answered() == 200);

                assertThat(got).allMatch(WebhookReceiver.Received::signatureValid);
                Set<String> delivered = got.stream().map(r -> r.body().at("/data/id").asString()).collect(Collectors.toCollection(TreeSet::new));
                assertThat(delivered).containsExactlyInAnyOrderElementsOf(written);
                assertThat(got).extracting(r -> r.body().at("/data/id").asString()).as("in order").containsExactlyElementsOf(written);
            }
        }
    }

    private ConfigurableApplicationContext start(String... more) {
        String[] args = {"--server.port=0", "--castiel.home=" + home, "--spring.main.banner-mode=off"};
        return SpringApplication.run(CastielApplication.class, java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.Arrays.stream(more)).toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
