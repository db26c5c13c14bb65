package io.castiel.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.castiel.webhook.WebhookProperties;

/**
 * The client that posts deliveries, against a real HTTP server on 127.0.0.1: connections are kept
 * alive between deliveries, the SSRF guard refuses a private address when the connection is opened
 * (not only when the endpoint was saved), a receiver that does not answer times out, and one that
 * streams a long answer is cut off rather than read to the end.
 */
class EndpointClientTests {

    /** A request as the server saw it: path, the client's port (one per connection), headers of interest. */
    record Seen(String path, int clientPort, String webhookId, String contentType, String body) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final HttpServer server = start();
    private final EndpointClient lenient = client(true, Duration.ofSeconds(10));

    @AfterEach
    void stop() {
        lenient.destroy();
        server.stop(0);
    }

    @Test
    void deliveriesReuseOneKeptAliveConnectionAndCarryTheirHeaders() {
        EndpointClient.Outcome first = lenient.post(url("/ok"), "msg_1", 1_700_000_000L, "v1,abc", "{\"n\":1}".getBytes(StandardCharsets.UTF_8));
        EndpointClient.Outcome second = lenient.post(url("/ok"), "msg_2", 1_700_000_001L, "v1,def", "{\"n\":2}".getBytes(StandardCharsets.UTF_8));

        assertThat(first.success()).isTrue();
        assertThat(first.responseCode()).isEqualTo(204);
        assertThat(second.success()).isTrue();
        assertThat(seen).extracting(Seen::webhookId).containsExactly("msg_1", "msg_2");
        assertThat(seen).extracting(Seen::contentType).containsOnly("application/json");
        assertThat(seen).extracting(Seen::body).containsExactly("{\"n\":1}", "{\"n\":2}");
        assertThat(seen.get(1).clientPort()).as("the same connection").isEqualTo(seen.get(0).clientPort());
    }

    @Test
    void aPrivateAddressIsRefusedWhenTheConnectionIsOpenedUnlessAllowed() {
        EndpointClient strict = client(false, Duration.ofSeconds(10));
        try {
            EndpointClient.Outcome literal = strict.post(url("/ok"), "msg_1", 1L, "v1,x", new byte[0]);
            EndpointClient.Outcome named = strict.post(URI.create("http://localhost:" + server.getAddress().getPort() + "/ok"), "msg_2", 1L,
                    "v1,x", new byte[0]);

            assertThat(literal.success()).isFalse();
            assertThat(literal.responseCode()).isNull();
            assertThat(literal.error()).startsWith("Refused: ").contains("non-public");
            assertThat(named.error()).startsWith("Refused: ").contains("non-public");
            assertThat(seen).as("nothing reached the private address").isEmpty();
        } finally {
            strict.destroy();
        }
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsATimeout() {
        EndpointClient impatient = client(true, Duration.ofMillis(300));
        try {
            EndpointClient.Outcome outcome = impatient.post(url("/slow"), "msg_1", 1L, "v1,x", new byte[0]);

            assertThat(outcome.success()).isFalse();
            assertThat(outcome.error()).isEqualTo("Timed out after 300 ms");
            assertThat(outcome.durationMs()).isBetween(250L, 3_000L);
        } finally {
            impatient.destroy();
        }
    }

    @Test
    void aLongAnswerIsCutOffAndItsConnectionNotReused() {
        long started = System.nanoTime();
        EndpointClient.Outcome streamed = lenient.post(url("/stream"), "msg_1", 1L, "v1,x", new byte[0]);
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        EndpointClient.Outcome next = lenient.post(url("/ok"), "msg_2", 1L, "v1,x", new byte[0]);

        assertThat(streamed.success()).isTrue();
        assertThat(streamed.responseCode()).isEqualTo(200);
        assertThat(tookMs).as("not read for the 10 s the receiver streams").isLessThan(5_000);
        assertThat(next.success()).isTrue();
        assertThat(seen.get(1).clientPort()).as("a new connection").isNotEqualTo(seen.get(0).clientPort());
    }

    @Test
    void aConnectionThatDiesWithoutAnAnswerIsRetriedOnceOnAnother() throws Exception {
        List<String> ids = new CopyOnWriteArrayList<>();
        try (ServerSocket dropping = new ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
            Thread receiver = new Thread(() -> {
                try {
                    // The first connection reads the request and closes without a word; the second answers.
                    for (int connection = 0; connection < 2; connection++) {
                        try (Socket socket = dropping.accept()) {
                            ids.add(readRequest(socket.getInputStream()));
                            if (connection == 1) {
                                socket.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                                socket.getOutputStream().flush();
                                readRequest(socket.getInputStream()); // until the client closes
                            }
                        }
                    }
                } catch (IOException e) {
                    // the test ended
                }
            });
            receiver.start();
            EndpointClient.Outcome outcome = lenient.post(URI.create("http://127.0.0.1:" + dropping.getLocalPort() + "/hook"), "msg_1", 1L,
                    "v1,x", "{}".getBytes(StandardCharsets.UTF_8));
            lenient.destroy();
            receiver.join(5_000);

            assertThat(outcome.success()).as(outcome.toString()).isTrue();
            assertThat(outcome.responseCode()).isEqualTo(204);
            assertThat(ids).containsExactly("msg_1", "msg_1");
        }
    }

    @Test
    void anAnswerIsFinalEvenAnError() {
        EndpointClient.Outcome outcome = lenient.post(url("/unavailable"), "msg_1", 1L, "v1,x", new byte[0]);

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.responseCode()).isEqualTo(503);
        assertThat(seen).as("sent once").hasSize(1);
    }

    /** Reads one request's head and body; returns its webhook-id (null at the end of the stream). */
    private static String readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        if (b < 0) {
            return null;
        }
        String id = null;
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("webhook-id:")) {
                id = line.substring(line.indexOf(':') + 1).trim();
            } else if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        in.readNBytes(length);
        return id;
    }

    private EndpointClient client(boolean allowPrivate, Duration timeout) {
        WebhookProperties properties = new WebhookProperties(List.of(Duration.ofSeconds(5)), allowPrivate, 4, 4, timeout, Duration.ofDays(30));
        return new EndpointClient(new AddressGuard(properties), properties);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private HttpServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            http.setExecutor(Executors.newCachedThreadPool());
            http.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                seen.add(new Seen(path, exchange.getRemoteAddress().getPort(), exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("content-type"), body));
                try {
                    switch (path) {
                        case "/slow" -> {
                            Thread.sleep(5_000);
                            exchange.sendResponseHeaders(204, -1);
                        }
                        case "/stream" -> {
                            exchange.sendResponseHeaders(200, 0); // chunked, for 10 s
                            try (OutputStream out = exchange.getResponseBody()) {
                                byte[] chunk = new byte[4096];
                                for (int i = 0; i < 1_000; i++) {
                                    out.write(chunk);
                                    out.flush();
                                    Thread.sleep(10);
                                }
                            }
                        }
                        case "/unavailable" -> exchange.sendResponseHeaders(503, -1);
                        default -> exchange.sendResponseHeaders(204, -1);
                    }
                } catch (InterruptedException | IOException e) {
                    // the client went away
                } finally {
                    exchange.close();
                }
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
