package io.castiel.realtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.castiel.support.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A WebSocket client for tests, on the JDK's HTTP client: collects the server's messages as JSON
 * and how the server closed the socket. {@link #stopReading()} stops asking for messages (the
 * JDK client's flow control), as a client that no longer reads would.
 */
final class WsClient implements WebSocket.Listener, AutoCloseable {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** How the socket ended: a close frame's code and reason, or -1 and the error. */
    record Close(int code, String reason) {
    }

    final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean reading = true;
    private WebSocket socket;

    static WsClient connect(int port) {
        return connect(port, null);
    }

    static WsClient connect(int port, String origin) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        try {
            client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), client).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("WebSocket handshake failed", e);
        }
        return client;
    }

    /** Connects and authenticates with {@code token}, expecting {@code ready}. */
    static WsClient authenticated(int port, String token) {
        WsClient client = connect(port);
        client.send(Api.object().put("type", "auth").put("token", token));
        JsonNode ready = client.next();
        if (!"ready".equals(ready.path("type").asString())) {
            throw new IllegalStateException("not ready: " + ready);
        }
        return client;
    }

    /** Subscribes and waits for the {@code subscribed} answer; returns its id. */
    String subscribe(List<String> events, List<String> shardTypes) {
        ObjectNode request = Api.object().put("type", "subscribe");
        if (events != null) {
            events.forEach(request.putArray("events")::add);
        }
        if (shardTypes != null) {
            shardTypes.forEach(request.putArray("shardTypes")::add);
        }
        send(request);
        JsonNode answer = next();
        if (!"subscribed".equals(answer.path("type").asString())) {
            throw new IllegalStateException("not subscribed: " + answer);
        }
        return answer.get("id").asString();
    }

    void send(JsonNode message) {
        socket.sendText(message.toString(), true).join();
    }

    void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** The next message (within 10 s). */
    JsonNode next() {
        JsonNode message = poll(Duration.ofSeconds(10));
        if (message == null) {
            throw new AssertionError("No message within 10 s");
        }
        return message;
    }

    JsonNode poll(Duration timeout) {
        try {
            return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next {@code event} message's event, skipping nothing: any other message fails. */
    JsonNode nextEvent() {
        JsonNode message = next();
        if (!"event".equals(message.path("type").asString())) {
            throw new AssertionError("Expected an event, got " + message);
        }
        return message.get("event");
    }

    /** Every message that arrives within {@code window}. */
    List<JsonNode> drain(Duration window) {
        List<JsonNode> all = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = poll(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (message != null) {
                all.add(message);
            }
        }
        return all;
    }

    Close awaitClose() {
        try {
            return closed.get(15, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("The server did not close the socket", e);
        }
    }

    /** Stops requesting messages: the server's writes pile up in the network buffers, then in its queue. */
    void stopReading() {
        reading = false;
    }

    /** Asks for messages again (what piled up arrives, then whatever the server did with the socket). */
    void resumeReading() {
        reading = true;
        socket.request(1);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(Api.parse(partial.toString()));
            partial.setLength(0);
        }
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
        // The JDK client answers pings itself; the default would also ask for the next message.
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Close(-1, String.valueOf(error)));
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.abort();
        }
    }
}
