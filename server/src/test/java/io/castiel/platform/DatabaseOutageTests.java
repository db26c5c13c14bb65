package io.castiel.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import io.castiel.support.Api;
import io.castiel.support.Node;
import io.castiel.support.TcpRelay;
import io.castiel.support.TestTenant;
import io.castiel.webhook.WebhookReceiver;

/**
 * PostgreSQL going away under load, through the real HTTP stack: a server-mode node reaches the
 * embedded node's PostgreSQL through a {@link TcpRelay}, which the test cuts (every connection
 * dropped, new ones refused, as when PostgreSQL restarts) while writers and readers run, and then
 * restores. Everything downstream of a write is done by the server-mode node alone (the embedded
 * node's webhook dispatcher, job scheduler and embedding workers are stopped), so that its resuming
 * is its own: webhooks, AMQP publication to the machine's RabbitMQ (127.0.0.1:5672, guest/guest;
 * that part is skipped when no broker answers), outbox resubmission and embedding. The outbox
 * intervals are seconds here instead of minutes.
 */
class DatabaseOutageTests {

    /** One answer of the load, with when its request started and how long it took. */
    private record Answer(String what, long startedNanos, long tookMillis, Api.Response response) {
    }

    private static final String BROKER_HOST = "127.0.0.1";
    private static final int BROKER_PORT = 5672;

    @Test
    void requestsDuringADatabaseOutageGet503WithRetryAfterThePoolRecoversAndEveryConsumerResumes() throws Exception {
        boolean broker = brokerReachable();
        List<String> settings = new ArrayList<>(List.of("castiel.webhooks.allow-private-networks=true", "castiel.rate-limit.enabled=false",
                "castiel.events.resubmit-interval=2s", "castiel.events.stale-after=5s", "castiel.events.resubmit-after=0s"));
        if (broker) {
            settings.add("castiel.amqp.url=amqp://guest:guest@" + BROKER_HOST + ":" + BROKER_PORT);
        }
        try (Node database = Node.start()) {
            String url = database.context.getBean(JdbcConnectionDetails.class).getJdbcUrl();
            String port = url.replaceAll("^jdbc:postgresql://[^:/]+:(\\d+)/.*$", "$1");
            try (TcpRelay relay = new TcpRelay(Integer.parseInt(port));
                    Node server = database.startServerNodeOnSameDatabase(u -> u.replace(":" + port + "/", ":" + relay.port() + "/"),
                            settings.toArray(String[]::new));
                    WebhookReceiver receiver = new WebhookReceiver();
                    Connection amqp = broker ? brokerConnection() : null) {
                database.context.getBeansOfType(SmartLifecycle.class).values().stream()
                        .filter(bean -> Set.of("DeliveryDispatcher", "SchedulerLifecycle", "EmbeddingWorkers")
                                .contains(bean.getClass().getSimpleName()))
                        .forEach(SmartLifecycle::stop);
                outageUnderLoad(server, relay, receiver, amqp, database.context.getBean(JdbcClient.class));
            }
        }
        assumeTrue(broker, "RabbitMQ is not reachable on " + BROKER_HOST + ":" + BROKER_PORT + ": AMQP publication after the outage not checked");
    }

    private void outageUnderLoad(Node server, TcpRelay relay, WebhookReceiver receiver, Connection amqp, JdbcClient outbox) throws Exception {
        Node.Owner owner = server.register();
        Channel channel = amqp == null ? null : amqp.createChannel();
        String queue = channel == null ? null : bind(channel, owner.tenantId() + ".shard.created");
        Api api = owner.api();
        Api anonymous = server.from("127.0.0.1");
        Api.Response hook = api.post("webhooks", Api.object().put("url", receiver.url("/outage"))
                .set("events", Api.JSON.createArrayNode().add("shard.created")));
        assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
        receiver.secret("/outage", hook.json().get("secret").asString());
        // Credentials this node has not seen yet: during the outage authentication itself needs the database.
        String freshToken = anonymous.post("auth/login", Api.object().put("email", owner.email()).put("password", TestTenant.PASSWORD))
                .json().get("accessToken").asString();
        String apiKey = api.post("api-keys", Api.object().put("name", "outage").set("roles", Api.parse("[\"member\"]")))
                .json().get("key").asString();
        String readable = note(api, "before").json().get("id").asString();

        List<Answer> answers = new CopyOnWriteArrayList<>();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        acknowledged.add(readable);
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        List<Thread> load = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            load.add(daemon(() -> {
                while (loading.get()) {
                    Answer answer = timed("write", () -> note(api, "n" + written.incrementAndGet()));
                    answers.add(answer);
                    if (answer.response().status() == 201) {
                        acknowledged.add(answer.response().json().get("id").asString());
                    }
                }
            }));
            load.add(daemon(() -> {
                while (loading.get()) {
                    answers.add(timed("read", () -> api.get("shards/" + readable)));
                    answers.add(timed("list", () -> api.get("shards?type=c_note")));
                }
            }));
        }
        Thread.sleep(1_500);

        relay.cut();
        long cut = System.nanoTime();
        Thread.sleep(500);
        // Early in the outage, while the owner's token is still trusted from memory, the resolver hits the database.
        Api.Response graphql = api.post("graphql", Api.object().put("query", "{ shards(first: 1) { edges { node { id } } } }"));
        Answer readiness = timed("readiness", () -> anonymous.get("/actuator/health/readiness"));
        Api.Response liveness = anonymous.get("/actuator/health/liveness");
        Api.Response health = anonymous.get("/health");
        Answer viaToken = timed("fresh token", () -> anonymous.withToken(freshToken).get("me"));
        Answer viaKey = timed("api key", () -> anonymous.withToken(apiKey).get("me"));
        answers.addAll(List.of(viaToken, viaKey));
        Thread.sleep(Math.max(0, 8_000 - (System.nanoTime() - cut) / 1_000_000));

        relay.restore();
        long restored = System.nanoTime();
        double recovered = secondsUntil(restored, () -> api.get("shards/" + readable).status() == 200);
        double ready = secondsUntil(restored, () -> anonymous.get("/actuator/health/readiness").status() == 200);
        System.out.printf("Database outage: requests succeed again %.1f s and readiness is UP %.1f s after PostgreSQL returns%n",
                recovered, ready);
        Thread.sleep(1_500);
        loading.set(false);
        for (Thread thread : load) {
            thread.join(30_000);
        }
        List<String> after = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Api.Response created = note(api, "after " + i);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            after.add(created.json().get("id").asString());
            acknowledged.add(after.get(i));
        }

        // During the outage: 503 problems with Retry-After, never a 500, none hanging for Hikari's 30 s.
        List<Answer> duringOutage = answers.stream()
                .filter(a -> a.startedNanos() > cut + 200_000_000L && a.startedNanos() + a.tookMillis() * 1_000_000L < restored).toList();
        assertThat(duringOutage).as("requests made while the database was away").hasSizeGreaterThan(4);
        assertThat(duringOutage).allSatisfy(a -> assertThat(a.response().status()).as(a.what() + ": " + a.response()).isEqualTo(503));
        assertThat(answers).allSatisfy(a -> assertThat(a.response().status()).as(a.what() + ": " + a.response()).isIn(200, 201, 503));
        assertThat(answers).filteredOn(a -> a.response().status() == 503).allSatisfy(a -> {
            assertThat(a.response().contentType()).startsWith("application/problem+json");
            assertThat(a.response().header("Retry-After")).isEqualTo("5");
            assertThat(a.response().json().get("title").asString()).isEqualTo("Database unavailable");
            assertThat(a.response().json().get("detail").asString()).isEqualTo("The database cannot be reached; retry shortly");
            assertThat(a.response().text()).doesNotContain("Exception", "at io.", "at org.");
        });
        assertThat(viaToken.response().status()).as("authentication by a token, in a filter").isEqualTo(503);
        assertThat(viaKey.response().status()).as("authentication by an API key, in a filter").isEqualTo(503);
        long slowest = answers.stream().mapToLong(Answer::tookMillis).max().orElse(0);
        System.out.printf("Database outage: %d answers, %d of them 503; the slowest: %s%n", answers.size(),
                answers.stream().filter(a -> a.response().status() == 503).count(),
                answers.stream().sorted(Comparator.comparingLong(Answer::tookMillis).reversed()).limit(3)
                        .map(a -> a.what() + " " + a.response().status() + " in " + a.tookMillis() + " ms").toList());
        assertThat(slowest).as("no request waits for Hikari's default 30 s").isLessThan(15_000);

        assertThat(graphql.status()).isEqualTo(200);
        assertThat(graphql.json().at("/errors/0/extensions/code").asString()).as(graphql.toString()).isEqualTo("UNAVAILABLE");
        assertThat(graphql.json().at("/errors/0/message").asString()).isEqualTo("The database cannot be reached; retry shortly");
        assertThat(readiness.response().status()).as(readiness.response().toString()).isEqualTo(503);
        assertThat(readiness.response().json().get("status").asString()).isEqualTo("DOWN");
        assertThat(liveness.status()).as("a database outage is no reason to restart the process").isEqualTo(200);
        assertThat(health.status()).isEqualTo(200);

        // After: the pool recovered by itself, and no acknowledged write is lost.
        assertThat(recovered).isLessThan(10);
        assertThat(ready).isLessThan(10);
        assertThat(acknowledged).allSatisfy(id -> assertThat(api.get("shards/" + id).status()).as(id).isEqualTo(200));
        // Webhooks resume: the events of writes after the outage arrive, and so does every acknowledged write's.
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        double deliveredAfter = secondsUntil(restored, () -> {
            receiver.received("/outage").stream().filter(r -> r.signatureValid() && r.answered() == 200)
                    .forEach(r -> delivered.add(r.body().at("/data/id").asString()));
            return delivered.containsAll(acknowledged);
        });
        System.out.printf("Database outage: every acknowledged write's webhook delivered %.1f s after PostgreSQL returned%n", deliveredAfter);
        assertThat(delivered).containsAll(after);

        // The outbox resumes: every publication, including those whose listener the outage cut off, completes.
        double drained = secondsUntil(restored, () -> outbox.sql("select count(*) from event_publication where completion_date is null")
                .query(Integer.class).single() == 0);
        // A publication's first attempt counts as one.
        int retried = outbox.sql("select count(*) from event_publication where completion_attempts > 1").query(Integer.class).single();
        System.out.printf("Database outage: every event publication completed %.1f s after PostgreSQL returned, %d of them resubmitted%n",
                drained, retried);
        // AMQP: every acknowledged write's event reaches a bound queue (at least once).
        if (channel != null) {
            Set<String> published = ConcurrentHashMap.newKeySet();
            AtomicInteger messages = new AtomicInteger();
            double publishedAfter = secondsUntil(restored, () -> {
                try {
                    for (GetResponse message = channel.basicGet(queue, true); message != null; message = channel.basicGet(queue, true)) {
                        messages.incrementAndGet();
                        published.add(Api.parse(new String(message.getBody(), StandardCharsets.UTF_8)).at("/data/id").asString());
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return published.containsAll(acknowledged);
            });
            System.out.printf("Database outage: every acknowledged write's AMQP message received %.1f s after PostgreSQL returned "
                    + "(%d messages for %d writes)%n", publishedAfter, messages.get(), published.size());
            channel.close();
        }
        // Embedding: every acknowledged shard, written before, around or after the outage, gets embedded.
        double embedded = secondsUntil(restored, () -> acknowledged.stream()
                .allMatch(id -> api.get("shards/" + id).json().path("embeddingStatus").asString("").equals("ready")));
        System.out.printf("Database outage: all %d acknowledged shards embedded %.1f s after PostgreSQL returned%n", acknowledged.size(), embedded);
    }

    /** A temporary queue bound to the events exchange (declared here too, in case the server has not connected yet). */
    private static String bind(Channel channel, String pattern) throws IOException {
        channel.exchangeDeclare("castiel.events", "topic", true);
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, "castiel.events", pattern);
        return queue;
    }

    private static Connection brokerConnection() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(BROKER_HOST);
        factory.setPort(BROKER_PORT);
        return factory.newConnection("castiel-outage-tests");
    }

    private static boolean brokerReachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(BROKER_HOST, BROKER_PORT), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work, "outage-load");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static Api.Response note(Api api, String title) {
        return api.post("shards", Api.object().put("shardType", "c_note").set("structuredData", Api.object().put("title", title)));
    }

    private static Answer timed(String what, Supplier<Api.Response> request) {
        long started = System.nanoTime();
        Api.Response response = request.get();
        return new Answer(what, started, (System.nanoTime() - started) / 1_000_000, response);
    }

    private static double secondsUntil(long since, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = since + Duration.ofSeconds(60).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not recovered within 60 s");
            }
            Thread.sleep(200);
        }
        return (System.nanoTime() - since) / 1e9;
    }
}
