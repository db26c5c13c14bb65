package io.castiel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.castiel.support.Api;
import io.castiel.support.Eventually;
import io.castiel.support.ServerProcess;
import io.castiel.webhook.WebhookReceiver;
import tools.jackson.databind.JsonNode;

/**
 * The embedded mode after a crash, with Castiel in a child JVM that the test kills as the kernel
 * would: it starts again by itself on the same home, and nothing that was acknowledged is lost.
 */
class CrashRecoveryTests {

    @TempDir
    Path directory;
    Path home;

    @BeforeEach
    void home() {
        home = directory.resolve("home");
    }

    @Test
    void aServerKilledWithItsPostgresLeftRunningStartsAgainWithEveryAcknowledgedWrite() {
        // The first server is closed last: closing it kills whatever it left behind, were the test to fail.
        try (ServerProcess first = ServerProcess.launch(home)) {
            double firstStart = first.awaitServing(Duration.ofSeconds(120));
            String token = first.register("Crash Inc");
            Acknowledged acknowledged;
            try (Writers writers = new Writers(first.api(token), 4)) {
                writers.awaitAcknowledged(120);
                // The watchdog goes first, so that PostgreSQL is left running as after an OOM kill of
                // the JVM and its helper: the case where nothing stopped it.
                first.killJvmAndItsChildren();
                acknowledged = writers.stop();
            }
            assertThat(first.postgres()).as("PostgreSQL still runs after its JVM was killed").isPresent();
            restartOnTheSameHome(firstStart, acknowledged, token);
        }
    }

    private void restartOnTheSameHome(double firstStart, Acknowledged acknowledged, String token) {
        try (ServerProcess second = ServerProcess.launch(home)) {
            double restart = second.awaitServing(Duration.ofSeconds(120));
            System.out.printf("first start %.1f s, restart after kill -9 with PostgreSQL left running %.1f s, %d writes acknowledged%n",
                    firstStart, restart, acknowledged.creates().size());

            assertThat(second.output()).contains("left behind by a Castiel process that ended without stopping it");
            acknowledged.assertAllPresent(second.api(token));
            assertThat(second.api(token).get("audit-logs/verify").json().get("valid").asBoolean()).isTrue();
        }
    }

    @Test
    void postgresStopsWithItsJvmUnlessKilledAndAHomeInUseIsRefused() {
        try (ServerProcess first = ServerProcess.start(home)) {
            ProcessHandle postgres = first.postgres().orElseThrow();
            first.killJvm();
            assertThat(postgres.onExit()).as("the watchdog stops PostgreSQL once the JVM is gone")
                    .succeedsWithin(Duration.ofSeconds(15));
        }

        try (ServerProcess second = ServerProcess.start(home)) {
            ProcessHandle postgres = second.postgres().orElseThrow();

            ServerProcess intruder = ServerProcess.launch(home);
            assertThat(intruder.awaitExit(Duration.ofSeconds(120))).as("a second server on a live home exits with EX_TEMPFAIL").isEqualTo(75);
            assertThat(intruder.output()).contains("is in use by another running Castiel process (pid " + second.pid() + ")");
            assertThat(second.api(null).get("/health").status()).as("the first one still serves").isEqualTo(200);

            assertThat(second.stop()).as("SIGTERM").isEqualTo(143);
            assertThat(postgres.onExit()).as("the shutdown hook stopped PostgreSQL").succeedsWithin(Duration.ofSeconds(15));
        }
    }

    /**
     * Both the JVM and PostgreSQL are killed with SIGKILL while four clients write. The database
     * was crash-safe (fsync, synchronous commit), so after crash recovery every acknowledged write
     * has its revision and audit row, and every event committed with it reaches the webhook.
     */
    @Test
    void killingTheJvmAndPostgresMidWriteLosesNoAcknowledgedWriteAuditRowOrWebhook() {
        String[] settings = {"castiel.db.synchronous-commit=on", "castiel.webhooks.allow-private-networks=true",
                "castiel.webhooks.retry-delays=1s,1s,1s,1s,1s,1s,1s,1s"};
        Acknowledged acknowledged;
        String token;
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            try (ServerProcess first = ServerProcess.start(home, settings)) {
                token = first.register("Crash Inc");
                JsonNode endpoint = first.api(token).post("webhooks", Api.object().put("url", receiver.url("/crash"))
                        .set("events", Api.JSON.createArrayNode().add("shard.created").add("shard.updated"))).json();
                receiver.secret("/crash", endpoint.get("secret").asString());
                try (Writers writers = new Writers(first.api(token), 4)) {
                    writers.awaitAcknowledged(150);
                    first.killEverything();
                    acknowledged = writers.stop();
                }
            }

            try (ServerProcess second = ServerProcess.start(home, settings)) {
                Api api = second.api(token);
                acknowledged.assertAllPresent(api);

                Map<String, Set<String>> audited = auditedActions(api);
                acknowledged.creates().forEach(id -> assertThat(audited.get(id)).as("audit rows of " + id).contains("shard.created"));
                acknowledged.revisions().keySet().forEach(id -> assertThat(audited.get(id)).as("audit rows of " + id).contains("shard.updated"));
                assertThat(api.get("audit-logs/verify").json().get("valid").asBoolean()).as("the audit chain verifies").isTrue();

                // Duplicates count toward no total: wait until every acknowledged event has arrived once.
                Map<String, Set<String>> delivered = Eventually.until(() -> deliveredShards(receiver),
                        shards -> shards.get("shard.created").containsAll(acknowledged.creates())
                                && shards.get("shard.updated").containsAll(acknowledged.revisions().keySet()),
                        Duration.ofSeconds(90));
                assertThat(receiver.received("/crash")).allMatch(WebhookReceiver.Received::signatureValid);
                assertThat(delivered.get("shard.created")).as("a shard.created delivery for every acknowledged create")
                        .containsAll(acknowledged.creates());
                assertThat(delivered.get("shard.updated")).as("a shard.updated delivery for every acknowledged update")
                        .containsAll(acknowledged.revisions().keySet());

                // At least once: an event delivered twice (sent before the crash, its result not yet
                // recorded) carries the same webhook-id both times.
                Map<String, Set<String>> webhookIds = receiver.received("/crash").stream().collect(Collectors.groupingBy(
                        r -> r.body().get("id").asString(), Collectors.mapping(WebhookReceiver.Received::webhookId, Collectors.toSet())));
                assertThat(webhookIds.values()).allMatch(ids -> ids.size() == 1);
                long duplicates = receiver.received("/crash").size() - webhookIds.size();
                System.out.printf("kill -9 of JVM and PostgreSQL: %d creates and %d updates acknowledged, all found; %d webhook duplicates%n",
                        acknowledged.creates().size(), acknowledged.revisions().size(), duplicates);
            }
        }
    }

    /** The shard ids of the deliveries answered 200, per event type. */
    private static Map<String, Set<String>> deliveredShards(WebhookReceiver receiver) {
        Map<String, Set<String>> shards = new HashMap<>(Map.of("shard.created", new HashSet<>(), "shard.updated", new HashSet<>()));
        receiver.received("/crash").stream().filter(r -> r.answered() == 200)
                .forEach(r -> shards.get(r.type()).add(r.body().at("/data/id").asString()));
        return shards;
    }

    /** Every audited action per resource id, over all pages. */
    private static Map<String, Set<String>> auditedActions(Api api) {
        Map<String, Set<String>> actions = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = api.get("audit-logs?limit=500" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            for (JsonNode row : page.get("items")) {
                actions.computeIfAbsent(row.path("resourceId").asString(), id -> new HashSet<>()).add(row.get("action").asString());
            }
            cursor = page.path("nextCursor").isString() ? page.get("nextCursor").asString() : null;
        } while (cursor != null);
        return actions;
    }

    /** What the server acknowledged: created shard ids, and the highest revision an update was acknowledged at. */
    record Acknowledged(Set<String> creates, Map<String, Integer> revisions) {

        void assertAllPresent(Api api) {
            for (String id : creates) {
                Api.Response shard = api.get("shards/" + id);
                assertThat(shard.status()).as("acknowledged shard " + id).isEqualTo(200);
                Integer revision = revisions.get(id);
                if (revision != null) {
                    assertThat(shard.json().get("revision").asInt()).as("revision of " + id).isGreaterThanOrEqualTo(revision);
                    assertThat(api.get("shards/" + id + "/revisions/" + revision).status()).as("revision " + revision + " of " + id)
                            .isEqualTo(200);
                }
            }
        }
    }

    /**
     * Clients that create a shard and then update it, over and over, until the server goes away;
     * they count only what was answered with success.
     */
    static final class Writers implements AutoCloseable {

        private final Set<String> creates = ConcurrentHashMap.newKeySet();
        private final Map<String, Integer> revisions = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Writers(Api api, int count) {
            for (int i = 0; i < count; i++) {
                int writer = i;
                Thread thread = new Thread(() -> write(api, writer), "writer-" + i);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
        }

        private void write(Api api, int writer) {
            int n = 0;
            try {
                while (running.get()) {
                    Api.Response created = api.post("shards", Api.object().put("shardType", "c_note")
                            .set("structuredData", Api.object().put("title", "w" + writer + "-" + n++)));
                    if (created.status() != 201) {
                        return;
                    }
                    String id = created.json().get("id").asString();
                    creates.add(id);
                    Api.Response updated = api.patch("shards/" + id, Api.object().set("structuredData", Api.object().put("title", "updated")));
                    if (updated.status() != 200) {
                        return;
                    }
                    revisions.merge(id, updated.json().get("revision").asInt(), Math::max);
                }
            } catch (IllegalStateException connectionLost) {
                // the server was killed: this writer is done
            }
        }

        void awaitAcknowledged(int count) {
            Eventually.until(creates::size, n -> n >= count || threads.stream().noneMatch(Thread::isAlive), Duration.ofSeconds(120));
            assertThat(creates).as("writes acknowledged before the crash").hasSizeGreaterThanOrEqualTo(count);
        }

        /** Stops the writers (the server is gone by now) and returns what they were told succeeded. */
        Acknowledged stop() {
            running.set(false);
            threads.forEach(thread -> {
                try {
                    thread.join(40_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            return new Acknowledged(Set.copyOf(creates), Map.copyOf(revisions));
        }

        @Override
        public void close() {
            running.set(false);
        }
    }
}
