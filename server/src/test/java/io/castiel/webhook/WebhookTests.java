package io.castiel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.castiel.platform.NotificationRequested;
import io.castiel.support.Api;
import io.castiel.support.RecordedEvents;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Webhooks through the real HTTP stack, delivered to a real local receiver that checks the
 * Standard Webhooks signature itself. The test configuration allows private addresses (the
 * receiver is on 127.0.0.1) and retries after 100, 200 and 300 ms (about ±20 % jitter).
 */
class WebhookTests extends CastielTest {

    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void secretIsShownOnceAndDeliveriesCarryAVerifiableSignature() {
        TestTenant tenant = newTenant();
        Api.Response created = tenant.api().post("webhooks", Api.object().put("url", receiver.url("/hook"))
                .put("description", "CRM sync").set("events", events("shard.created")));
        String id = created.json().get("id").asString();
        String secret = created.json().get("secret").asString();
        receiver.secret("/hook", secret);

        JsonNode shard = tenant.account("Signed Ltd");
        WebhookReceiver.Received delivery = receiver.await("/hook", 1).get(0);
        RecordedEvents.Recorded event = events.await(tenant.id(), 1).stream().filter(e -> e.type().equals("shard.created")).findFirst().orElseThrow();

        assertThat(created.status()).isEqualTo(201);
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSizeBetween(24, 32);
        assertThat(created.json().get("enabled").asBoolean()).isTrue();
        assertThat(created.json().get("events").toString()).isEqualTo("[\"shard.created\"]");
        assertThat(created.json().get("description").asString()).isEqualTo("CRM sync");
        assertThat(created.json().hasNonNull("createdAt")).isTrue();
        assertThat(tenant.api().get("webhooks/" + id).json().has("secret")).as("the secret is never answered again").isFalse();
        assertThat(tenant.api().get("webhooks").text()).doesNotContain(secret);
        assertThat(jdbc.sql("select count(*) from webhook_endpoints where encode(secret_sealed, 'escape') like ?")
                .param("%" + secret.substring(6) + "%").query(Long.class).single()).as("stored sealed, not in clear").isZero();

        assertThat(delivery.signatureValid()).isTrue();
        assertThat(delivery.webhookId()).isEqualTo(event.id().toString());
        assertThat(delivery.headers().get("Content-type")).containsExactly("application/json");
        assertThat(delivery.headers().get("User-agent")).containsExactly("Castiel-Webhooks/1");
        assertThat(delivery.body().get("id").asString()).isEqualTo(event.id().toString());
        assertThat(delivery.body().get("type").asString()).isEqualTo("shard.created");
        assertThat(delivery.body().get("tenantId").asString()).isEqualTo(tenant.id().toString());
        assertThat(delivery.body().hasNonNull("occurredAt")).isTrue();
        assertThat(delivery.body().at("/data/id").asString()).isEqualTo(shard.get("id").asString());
        assertThat(delivery.body().has("actorId")).isFalse();

        JsonNode log = awaitDeliveries(tenant, id, d -> d.get("status").asString().equals("succeeded"), 1).get(0);
        assertThat(log.get("eventId").asString()).isEqualTo(event.id().toString());
        assertThat(log.get("eventType").asString()).isEqualTo("shard.created");
        assertThat(log.get("attempt").asInt()).isEqualTo(1);
        assertThat(log.get("responseCode").asInt()).isEqualTo(200);
        assertThat(log.get("durationMs").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(log.has("error")).isFalse();
    }

    @Test
    void failedDeliveriesAreRetriedAfterTheConfiguredDelaysWithTheSameId() {
        TestTenant tenant = newTenant();
        String id = register(tenant, "/flaky", "shard.*");
        receiver.answer("/flaky", 500, 500);

        tenant.account("Retried");
        List<WebhookReceiver.Received> attempts = receiver.await("/flaky", 3);

        assertThat(attempts).extracting(WebhookReceiver.Received::answered).containsExactly(500, 500, 200);
        assertThat(attempts).extracting(WebhookReceiver.Received::webhookId).containsOnly(attempts.get(0).webhookId());
        assertThat(attempts).allMatch(WebhookReceiver.Received::signatureValid);
        assertThat(Duration.between(attempts.get(0).arrivedAt(), attempts.get(1).arrivedAt())).as("first retry after 100 ms -20 %")
                .isGreaterThanOrEqualTo(Duration.ofMillis(80)).isLessThan(Duration.ofSeconds(3));
        assertThat(Duration.between(attempts.get(1).arrivedAt(), attempts.get(2).arrivedAt())).as("second retry after 200 ms -20 %")
                .isGreaterThanOrEqualTo(Duration.ofMillis(160)).isLessThan(Duration.ofSeconds(3));

        List<JsonNode> log = awaitDeliveries(tenant, id, d -> !d.get("status").asString().equals("pending"), 3);
        // newest first
        assertThat(log).extracting(d -> d.get("attempt").asInt()).containsExactly(3, 2, 1);
        assertThat(log).extracting(d -> d.get("status").asString()).containsExactly("succeeded", "failed", "failed");
        assertThat(log).extracting(d -> d.get("responseCode").asInt()).containsExactly(200, 500, 500);
        assertThat(log.get(1).get("error").asString()).contains("500");
    }

    @Test
    void anEndpointFailingEveryRetryIsDisabledAuditedAndAdminsAreNotified() {
        TestTenant tenant = newTenant();
        String id = register(tenant, "/down", "*");
        receiver.answer("/down", 500, 503, 500, 502);

        tenant.account("Never delivered");
        receiver.await("/down", 4);
        JsonNode endpoint = await(() -> tenant.api().get("webhooks/" + id).json(), e -> !e.get("enabled").asBoolean());
        List<NotificationRequested> notices = await(() -> events.notificationsOf(tenant.id()), n -> !n.isEmpty());
        JsonNode audit = tenant.api().get("audit-logs?action=webhook.disabled").json().get("items");

        assertThat(endpoint.get("enabled").asBoolean()).isFalse();
        assertThat(endpoint.hasNonNull("disabledAt")).isTrue();
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("resourceId").asString()).isEqualTo(id);
        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo("webhook.disabled");
            assertThat(n.userId()).as("to the admins").isNull();
            assertThat(n.link()).isEqualTo("/webhooks/" + id);
        });

        // Disabled: later events are not sent; re-enabling resets it and new events flow again.
        tenant.account("While disabled");
        Api.Response enabled = tenant.api().patch("webhooks/" + id, Api.object().put("enabled", true));
        tenant.account("After re-enabling");
        List<WebhookReceiver.Received> after = receiver.await("/down", 5);

        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
        assertThat(enabled.json().has("disabledAt")).isFalse();
        assertThat(after.get(4).body().at("/data/structuredData/name").asString()).isEqualTo("After re-enabling");
        assertThat(after.get(4).answered()).isEqualTo(200);
    }

    @Test
    void deliveriesOfAnEndpointArriveInOrderAndAFailureHoldsBackLaterOnes() {
        TestTenant tenant = newTenant();
        register(tenant, "/ordered", "shard.created");
        receiver.answer("/ordered", 500);

        List<String> names = List.of("first", "second", "third", "fourth");
        names.forEach(tenant::account);
        List<WebhookReceiver.Received> got = receiver.await("/ordered", 5);

        assertThat(got.get(0).answered()).isEqualTo(500);
        assertThat(got.get(1).webhookId()).as("the retry comes before the later events").isEqualTo(got.get(0).webhookId());
        assertThat(got.subList(1, 5)).extracting(r -> r.body().at("/data/structuredData/name").asString()).containsExactlyElementsOf(names);
    }

    @Test
    void anEndpointThatFallsBehindIsSentSeveralAtOnceKeepingEachShardsOrderAndHoldingBackAfterAFailure() {
        TestTenant tenant = newTenant();
        register(tenant, "/behind", "shard.*");
        // The first request is held until the writes below have all queued up behind it: the next
        // lease is a long batch, sent in lanes. Each answer takes 20 ms, and one of the later ones fails.
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        receiver.pause("/behind", written, Duration.ofMillis(20));
        receiver.answer("/behind", 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 500);

        List<String> shards = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            shards.add(tenant.account("Lane " + i).get("id").asString());
        }
        for (int revision = 2; revision <= 10; revision++) {
            for (String shard : shards) {
                tenant.api().patch("shards/" + shard, Api.object().set("structuredData", Api.object().put("industry", "r" + revision)));
            }
        }
        written.countDown();
        int events = 4 * 10;
        List<WebhookReceiver.Received> got = receiver.await("/behind", events + 1, Duration.ofSeconds(30), r -> true);
        List<WebhookReceiver.Received> delivered = receiver.await("/behind", events, Duration.ofSeconds(30), r -> r.answered() == 200);

        assertThat(receiver.mostAtOnce("/behind")).as("several requests in flight to the endpoint").isGreaterThan(1);
        assertThat(delivered).extracting(WebhookReceiver.Received::webhookId).as("each event delivered once").doesNotHaveDuplicates()
                .hasSize(events);
        assertThat(got).filteredOn(r -> r.answered() == 500).hasSize(1);
        for (String shard : shards) {
            List<WebhookReceiver.Received> ofShard = got.stream().filter(r -> r.body().at("/data/id").asString().equals(shard)).toList();
            // in arrival order, revisions never go back (a failed one is retried before the next) and each succeeds once
            List<Integer> revisions = ofShard.stream().map(r -> r.body().at("/data/revision").asInt()).toList();
            assertThat(revisions).as("shard %s", shard).isSorted();
            assertThat(ofShard.stream().filter(r -> r.answered() == 200).map(r -> r.body().at("/data/revision").asInt()).toList())
                    .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        }
    }

    @Test
    void filtersSelectExactTypesAndWildcards() {
        TestTenant tenant = newTenant();
        register(tenant, "/shards", "shard.*");
        register(tenant, "/all", "*");
        register(tenant, "/types", "shardtype.created", "user.created");

        tenant.api().post("shard-types", Api.object().put("name", "invoice").set("schema", Api.object().put("type", "object")));
        JsonNode shard = tenant.account("Filtered");
        tenant.api().patch("shards/" + shard.get("id").asString(), Api.object().set("structuredData", Api.object().put("industry", "x")));

        receiver.await("/all", 3);
        receiver.await("/shards", 2);
        receiver.await("/types", 1);
        // Everything was committed before these: anything misrouted would have arrived meanwhile.
        tenant.account("Marker");
        receiver.await("/all", 4);
        receiver.await("/shards", 3);

        assertThat(receiver.received("/shards")).extracting(WebhookReceiver.Received::type)
                .containsExactly("shard.created", "shard.updated", "shard.created");
        assertThat(receiver.received("/all")).extracting(WebhookReceiver.Received::type)
                .containsExactly("shardtype.created", "shard.created", "shard.updated", "shard.created");
        assertThat(receiver.received("/types")).extracting(WebhookReceiver.Received::type).containsExactly("shardtype.created");
    }

    @Test
    void badEndpointsAreRefusedWithAPointer() {
        TestTenant tenant = newTenant();
        Api api = tenant.api();

        Api.Response unknownType = api.post("webhooks", Api.object().put("url", receiver.url("/x")).set("events", events("shard.created", "shard.exploded")));
        Api.Response unknownWildcard = api.post("webhooks", Api.object().put("url", receiver.url("/x")).set("events", events("bogus.*")));
        Api.Response noEvents = api.post("webhooks", Api.object().put("url", receiver.url("/x")).set("events", events()));
        Api.Response ftp = api.post("webhooks", Api.object().put("url", "ftp://example.com/hook").set("events", events("*")));
        Api.Response credentials = api.post("webhooks", Api.object().put("url", "https://user:pw@example.com/hook").set("events", events("*")));
        Api.Response tooLong = api.post("webhooks", Api.object().put("url", "https://example.com/" + "a".repeat(2100)).set("events", events("*")));
        Api.Response notAUrl = api.post("webhooks", Api.object().put("url", "http://exa mple.com").set("events", events("*")));
        Api.Response noUrl = api.post("webhooks", Api.object().set("events", events("*")));
        Api.Response wrongType = api.raw("POST", "webhooks", "{\"url\": 5, \"events\": \"shard.*\"}", "application/json");

        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.json().at("/errors/0/pointer").asString()).isEqualTo("/events/1");
        assertThat(unknownType.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknownWildcard.json().at("/errors/0/pointer").asString()).isEqualTo("/events/0");
        assertThat(noEvents.status()).isEqualTo(400);
        for (Api.Response bad : List.of(ftp, credentials, tooLong, notAUrl, noUrl)) {
            assertThat(bad.status()).as(bad.text()).isEqualTo(400);
            assertThat(bad.json().at("/errors/0/pointer").asString()).isEqualTo("/url");
        }
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(api.get("webhooks").json().get("items")).isEmpty();
    }

    @Test
    void onlyAdminsManageWebhooks() {
        TestTenant tenant = newTenant();
        String id = register(tenant, "/admin-only", "*");
        Api member = addUser(tenant, "member").api();
        Api admin = addUser(tenant, "admin").api();

        assertThat(member.post("webhooks", Api.object().put("url", receiver.url("/m")).set("events", events("*"))).status()).isEqualTo(403);
        assertThat(member.get("webhooks").status()).isEqualTo(403);
        assertThat(member.get("webhooks/" + id).status()).isEqualTo(403);
        assertThat(member.delete("webhooks/" + id).status()).isEqualTo(403);
        assertThat(admin.get("webhooks/" + id).status()).isEqualTo(200);
        assertThat(admin.post("webhooks", Api.object().put("url", receiver.url("/a")).set("events", events("*"))).status()).isEqualTo(201);
    }

    @Test
    void endpointsAreListedPagedChangedAndDeleted() {
        TestTenant tenant = newTenant();
        String first = register(tenant, "/one", "*");
        String second = register(tenant, "/two", "shard.*");
        register(tenant, "/three", "user.*");

        JsonNode page1 = tenant.api().get("webhooks?limit=2").json();
        JsonNode page2 = tenant.api().get("webhooks?limit=2&cursor=" + page1.get("nextCursor").asString()).json();
        Api.Response patched = tenant.api().patch("webhooks/" + second, Api.object().put("url", receiver.url("/two-b"))
                .put("description", "renamed").put("enabled", false).set("events", events("shard.deleted", "relationship.*")));
        Api.Response badPatch = tenant.api().patch("webhooks/" + second, Api.object().set("events", events("nope")));
        Api.Response deleted = tenant.api().delete("webhooks/" + first);

        assertThat(page1.get("items")).extracting(n -> n.get("id").asString()).containsExactly(first, second);
        assertThat(page2.get("items")).hasSize(1);
        assertThat(page2.get("nextCursor").isNull()).isTrue();
        assertThat(tenant.api().get("webhooks?cursor=tampered").status()).isEqualTo(400);
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("url").asString()).isEqualTo(receiver.url("/two-b"));
        assertThat(patched.json().get("description").asString()).isEqualTo("renamed");
        assertThat(patched.json().get("enabled").asBoolean()).isFalse();
        assertThat(patched.json().get("events").toString()).isEqualTo("[\"shard.deleted\",\"relationship.*\"]");
        assertThat(badPatch.status()).isEqualTo(400);
        assertThat(badPatch.json().at("/errors/0/pointer").asString()).isEqualTo("/events/0");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(tenant.api().get("webhooks/" + first).status()).isEqualTo(404);
        assertThat(tenant.api().get("audit-logs?action=webhook.created").json().get("items")).hasSize(3);
        assertThat(tenant.api().get("audit-logs?action=webhook.deleted").json().get("items")).hasSize(1);
    }

    @Test
    void anotherTenantsEventsNeverReachAnEndpointAndItsWebhooksAreNotFound() {
        TestTenant mine = newTenant();
        TestTenant other = newTenant();
        String id = register(mine, "/mine", "*");
        String otherId = register(other, "/theirs", "*");

        other.account("Other tenant's");
        receiver.await("/theirs", 1);
        mine.account("Mine");
        receiver.await("/mine", 1);
        other.account("Other tenant's again");
        receiver.await("/theirs", 2);

        assertThat(receiver.received("/mine")).extracting(r -> r.body().get("tenantId").asString()).containsOnly(mine.id().toString());
        assertThat(receiver.received("/mine")).hasSize(1);
        assertThat(other.api().get("webhooks/" + id).status()).isEqualTo(404);
        assertThat(other.api().patch("webhooks/" + id, Api.object().put("enabled", false)).status()).isEqualTo(404);
        assertThat(other.api().delete("webhooks/" + id).status()).isEqualTo(404);
        assertThat(other.api().get("webhooks/" + id + "/deliveries").status()).isEqualTo(404);
        JsonNode myDelivery = awaitDeliveries(mine, id, d -> true, 1).get(0);
        assertThat(other.api().post("webhooks/" + otherId + "/deliveries/" + myDelivery.get("id").asString() + "/redeliver", Api.object())
                .status()).isEqualTo(404);
        assertThat(other.api().get("webhooks").json().get("items")).extracting(n -> n.get("id").asString()).containsExactly(otherId);
        assertThat(mine.api().get("webhooks/" + id).status()).isEqualTo(200);
    }

    @Test
    void redeliverSendsTheSameEventAgainNow() {
        TestTenant tenant = newTenant();
        String id = register(tenant, "/again", "shard.created");
        tenant.account("Twice");
        WebhookReceiver.Received first = receiver.await("/again", 1).get(0);
        JsonNode delivery = awaitDeliveries(tenant, id, d -> d.get("status").asString().equals("succeeded"), 1).get(0);

        Api.Response accepted = tenant.api().post("webhooks/" + id + "/deliveries/" + delivery.get("id").asString() + "/redeliver", Api.object());
        WebhookReceiver.Received second = receiver.await("/again", 2).get(1);
        List<JsonNode> log = awaitDeliveries(tenant, id, d -> d.get("status").asString().equals("succeeded"), 2);

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(second.webhookId()).isEqualTo(first.webhookId());
        assertThat(second.signatureValid()).isTrue();
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(log.get(0).get("attempt").asInt()).isEqualTo(2);
        assertThat(tenant.api().post("webhooks/" + id + "/deliveries/" + UUID.randomUUID() + "/redeliver", Api.object()).status())
                .isEqualTo(404);
    }

    private String register(TestTenant tenant, String path, String... types) {
        Api.Response created = tenant.api().post("webhooks", Api.object().put("url", receiver.url(path)).set("events", events(types)));
        if (created.status() != 201) {
            throw new IllegalStateException("webhook not created: " + created);
        }
        receiver.secret(path, created.json().get("secret").asString());
        return created.json().get("id").asString();
    }

    private static ArrayNode events(String... types) {
        ArrayNode array = Api.JSON.createArrayNode();
        for (String type : types) {
            array.add(type);
        }
        return array;
    }

    private List<JsonNode> awaitDeliveries(TestTenant tenant, String id, java.util.function.Predicate<JsonNode> filter, int count) {
        return await(() -> {
            List<JsonNode> found = new ArrayList<>();
            tenant.api().get("webhooks/" + id + "/deliveries").json().get("items").forEach(d -> {
                if (filter.test(d)) {
                    found.add(d);
                }
            });
            return found;
        }, found -> found.size() >= count);
    }

    private static <T> T await(java.util.function.Supplier<T> read, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            T value = read.get();
            if (done.test(value) || System.nanoTime() > deadline) {
                return value;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
