package io.castiel.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import io.castiel.platform.RecurringJob;
import io.castiel.support.Api;
import io.castiel.support.Node;
import io.castiel.support.TcpRelay;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * Events reach RabbitMQ: a server of its own with {@code castiel.amqp.url} set publishes to the
 * machine's broker (127.0.0.1:5672, guest/guest) through a {@link TcpRelay}, so that a test can cut
 * the broker off. A queue bound with {@code {tenantId}.shard.*} receives the tenant's shard events.
 * Skipped when no broker answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AmqpEventTests {

    private static final String BROKER_HOST = "127.0.0.1";
    private static final int BROKER_PORT = 5672;

    private TcpRelay relay;
    private Node server;
    private Connection broker;
    private Api anonymous;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(reachable(), "RabbitMQ is not reachable on " + BROKER_HOST + ":" + BROKER_PORT + ": AMQP tests skipped");
        relay = new TcpRelay(BROKER_PORT);
        server = Node.start("castiel.amqp.url=amqp://guest:guest@127.0.0.1:" + relay.port(), "castiel.amqp.confirm-timeout=2s",
                "castiel.events.resubmit-after=0s");
        anonymous = server.api();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(BROKER_HOST);
        factory.setPort(BROKER_PORT);
        broker = factory.newConnection("castiel-amqp-tests");
    }

    @AfterAll
    void stop() throws IOException {
        if (broker != null) {
            broker.close();
        }
        if (server != null) {
            server.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void shardEventsReachABoundQueueWithRoutingKeyBodyAndId() throws Exception {
        Owner owner = register();
        try (Channel channel = broker.createChannel()) {
            String queue = bind(channel, owner.tenantId() + ".shard.*");

            JsonNode account = owner.createShard("Globex");
            owner.api().patch("shards/" + account.get("id").asString(), Api.object().set("structuredData", Api.object().put("industry", "Energy")));
            JsonNode contact = owner.createShard("Initech");
            owner.api().post("relationships", Api.object().put("sourceId", account.get("id").asString())
                    .put("targetId", contact.get("id").asString()).put("type", "has_partner"));
            List<GetResponse> messages = receive(channel, queue, 3);

            // Listeners run concurrently after commit: the messages may arrive in any order.
            assertThat(messages).extracting(m -> m.getEnvelope().getRoutingKey()).containsExactlyInAnyOrder(
                    owner.tenantId() + ".shard.created", owner.tenantId() + ".shard.updated", owner.tenantId() + ".shard.created");
            GetResponse updated = messages.stream()
                    .filter(m -> m.getEnvelope().getRoutingKey().endsWith(".shard.updated")).findFirst().orElseThrow();
            JsonNode body = Api.parse(new String(updated.getBody(), StandardCharsets.UTF_8));
            assertThat(body.get("type").asString()).isEqualTo("shard.updated");
            assertThat(body.get("tenantId").asString()).isEqualTo(owner.tenantId().toString());
            assertThat(body.at("/data/id").asString()).isEqualTo(account.get("id").asString());
            assertThat(body.at("/data/structuredData/industry").asString()).isEqualTo("Energy");
            assertThat(body.at("/previous/revision").asInt()).isEqualTo(1);
            assertThat(body.has("actorId")).isFalse();
            assertThat(updated.getProps().getMessageId()).isEqualTo(body.get("id").asString());
            assertThat(updated.getProps().getContentType()).isEqualTo("application/json");
            assertThat(updated.getProps().getDeliveryMode()).isEqualTo(2);
            assertThat(updated.getProps().getTimestamp()).isNotNull();
            assertThat(channel.basicGet(queue, true)).as("the relationship event is not routed to shard.*").isNull();
        }
    }

    @Test
    void aBrokerOutageDelaysEventsButLosesNone() throws Exception {
        Owner owner = register();
        try (Channel channel = broker.createChannel()) {
            String queue = bind(channel, owner.tenantId() + ".shard.*");
            JdbcClient jdbc = server.context.getBean(JdbcClient.class);

            relay.cut();
            JsonNode shard;
            try {
                shard = owner.createShard("Written while the broker is away");
                String id = shard.get("id").asString();
                await(() -> jdbc.sql("""
                        select count(*) from event_publication
                        where listener_id like '%AmqpEventPublisher%' and status in ('FAILED', 'RESUBMITTED')
                          and completion_date is null and serialized_event like ?""")
                        .param("%" + id + "%").query(Integer.class).single() == 1);
                assertThat(channel.basicGet(queue, true)).isNull();
            } finally {
                relay.restore();
            }
            // The job resubmits failed publications (the scheduler also runs it every minute, so the
            // publication may be between attempts): run it until the message arrives.
            RecurringJob resubmit = server.context.getBean("resubmitFailedEvents", RecurringJob.class);
            List<GetResponse> messages = new ArrayList<>();
            await(() -> {
                resubmit.run();
                try {
                    GetResponse message = channel.basicGet(queue, true);
                    if (message != null) {
                        messages.add(message);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return !messages.isEmpty();
            });

            JsonNode body = Api.parse(new String(messages.get(0).getBody(), StandardCharsets.UTF_8));
            assertThat(body.at("/data/id").asString()).isEqualTo(shard.get("id").asString());
        }
    }

    private record Owner(UUID tenantId, Api api) {

        JsonNode createShard(String name) {
            Api.Response created = api.post("shards", Api.object().put("shardType", "c_account")
                    .set("structuredData", Api.object().put("name", name)));
            assertThat(created.status()).isEqualTo(201);
            return created.json();
        }
    }

    private Owner register() {
        Api.Response response = anonymous.post("auth/register", Api.object().put("tenantName", "Amqp " + UUID.randomUUID())
                .put("email", "owner-" + UUID.randomUUID() + "@example.test").put("password", TestTenant.PASSWORD).put("name", "Owner"));
        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        return new Owner(UUID.fromString(body.at("/tenant/id").asString()), anonymous.withToken(body.get("accessToken").asString()));
    }

    /** A temporary queue bound to the events exchange (declared here too, in case the server has not connected yet). */
    private static String bind(Channel channel, String pattern) throws IOException {
        channel.exchangeDeclare("castiel.events", "topic", true);
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, "castiel.events", pattern);
        return queue;
    }

    private static List<GetResponse> receive(Channel channel, String queue, int count) throws Exception {
        List<GetResponse> messages = new ArrayList<>();
        await(() -> {
            try {
                GetResponse message = channel.basicGet(queue, true);
                if (message != null) {
                    messages.add(message);
                }
                return messages.size() >= count;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return messages;
    }

    private static void await(BooleanSupplier condition) {
        // Generous: on a loaded 2-core machine a confirm timeout plus a listener retry take a while.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 30 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(BROKER_HOST, BROKER_PORT), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
