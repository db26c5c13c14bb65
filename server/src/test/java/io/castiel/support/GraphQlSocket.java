package io.castiel.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/** A graphql-transport-ws client on the JDK's WebSocket: collects the server's messages as JSON and the close code. */
public final class GraphQlSocket implements WebSocket.Listener, AutoCloseable {

    public static final String PATH = "/api/v1/graphql";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    public static GraphQlSocket connect(int port, String origin) throws Exception {
        GraphQlSocket client = new GraphQlSocket();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().subprotocols("graphql-transport-ws").connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + PATH), client).get(10, TimeUnit.SECONDS);
        return client;
    }

    /** Connects, sends {@code connection_init} with {@code token}, waits for the ack and subscribes to {@code query} as operation "1". */
    public static GraphQlSocket subscribed(int port, String token, String query) throws Exception {
        GraphQlSocket socket = connect(port, null);
        socket.send(Api.object().put("type", "connection_init").set("payload", Api.object().put("Authorization", "Bearer " + token)));
        socket.nextOf("connection_ack");
        socket.subscribe("1", query);
        return socket;
    }

    public void subscribe(String id, String query) {
        send(Api.object().put("id", id).put("type", "subscribe").set("payload", Api.object().put("query", query)));
    }

    public void send(JsonNode message) {
        socket.sendText(message.toString(), true).join();
    }

    public JsonNode next() throws InterruptedException {
        JsonNode message = messages.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("a message within 10 s").isNotNull();
        return message;
    }

    /** The next message other than pings. */
    public JsonNode nextOf(String type) throws InterruptedException {
        JsonNode message;
        do {
            message = next();
        } while (message.path("type").asString().equals("ping"));
        assertThat(message.path("type").asString()).as(message.toString()).isEqualTo(type);
        return message;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(Api.parse(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
