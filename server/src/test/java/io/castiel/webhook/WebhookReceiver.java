package io.castiel.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.castiel.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * A real webhook receiver for tests: an HTTP server on 127.0.0.1 that verifies the Standard
 * Webhooks signature itself (with the secret it was given per path, independently of the server's
 * code), answers scripted status codes per path (then 200), and records every request with its
 * arrival time.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    public record Received(String path, String webhookId, long timestamp, boolean signatureValid, JsonNode body,
            Map<String, List<String>> headers, Instant arrivedAt, int answered) {

        public String type() {
            return body.path("type").asString();
        }
    }

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Per path: the first request waits for its latch (at most 30 s), every later one for the duration. */
    private record Pause(java.util.concurrent.CountDownLatch first, Duration each) {
    }

    private final Map<String, Pause> pauses = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> answering = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> mostAtOnce = new ConcurrentHashMap<>();

    public WebhookReceiver() {
        this(0);
    }

    public WebhookReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** The secret the endpoint at {@code path} was given: requests there are verified with it. */
    public void secret(String path, String secret) {
        secrets.put(path, secret);
    }

    /** The next answers at {@code path}, in order; after them, 200. */
    public void answer(String path, Integer... codes) {
        scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(codes));
    }

    /** Requests at {@code path} wait before their answer: the first one until {@code first} opens, every later one {@code each}. */
    public void pause(String path, java.util.concurrent.CountDownLatch first, Duration each) {
        pauses.put(path, new Pause(first, each));
    }

    /** The most requests at {@code path} that were being answered at the same time. */
    public int mostAtOnce(String path) {
        var most = mostAtOnce.get(path);
        return most == null ? 0 : most.get();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits (up to {@code timeout}) until at least {@code count} requests at {@code path} match. */
    public List<Received> await(String path, int count, Duration timeout, Predicate<Received> filter) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<Received> found = received(path).stream().filter(filter).toList();
            if (found.size() >= count) {
                return found;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Expected " + count + " requests at " + path + ", got " + found);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public List<Received> await(String path, int count) {
        return await(path, count, Duration.ofSeconds(10), r -> true);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant arrived = Instant.now();
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readAllBytes();
        }
        String path = exchange.getRequestURI().getPath();
        String body = new String(bytes, StandardCharsets.UTF_8);
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestampHeader = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
        long timestamp = timestampHeader == null ? -1 : Long.parseLong(timestampHeader);
        boolean valid = verify(secrets.get(path), id, timestampHeader, body, signature)
                && Math.abs(timestamp - arrived.getEpochSecond()) <= 300;
        int code = 200;
        if (!valid) {
            code = 401;
        } else {
            Deque<Integer> script = scripts.get(path);
            synchronized (this) {
                if (script != null && !script.isEmpty()) {
                    code = script.poll();
                }
            }
        }
        JsonNode json;
        try {
            json = Api.parse(body);
        } catch (RuntimeException e) {
            json = null;
        }
        int now = answering.computeIfAbsent(path, p -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        mostAtOnce.computeIfAbsent(path, p -> new java.util.concurrent.atomic.AtomicInteger()).accumulateAndGet(now, Math::max);
        boolean first = received(path).isEmpty();
        received.add(new Received(path, id, timestamp, valid, json, Map.copyOf(exchange.getRequestHeaders()), arrived, code));
        Pause pause = pauses.get(path);
        if (pause != null) {
            try {
                if (first) {
                    pause.first().await(30, java.util.concurrent.TimeUnit.SECONDS);
                } else {
                    Thread.sleep(pause.each().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        answering.get(path).decrementAndGet();
        exchange.sendResponseHeaders(code, -1);
        exchange.close();
    }

    /** Standard Webhooks verification: any {@code v1,} signature of the header matches HMAC-SHA256(key, id.timestamp.body). */
    static boolean verify(String secret, String id, String timestamp, String body, String signatureHeader) {
        if (secret == null || id == null || timestamp == null || signatureHeader == null || !secret.startsWith("whsec_")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String part : signatureHeader.split(" ")) {
                if (part.startsWith("v1,") && MessageDigest.isEqual(expected, Base64.getDecoder().decode(part.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
