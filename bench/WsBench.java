// WebSocket benchmark client (JDK only: `java bench/WsBench.java --base http://localhost:18080`).
// Registers a tenant, then measures shard writes (POST /api/v1/shards, c_account) without and with
// N WebSocket clients subscribed to shard.* (and, with --endpoints M, M webhook endpoints of the
// tenant on a receiver in this process): the maximum write rate of a closed loop, and a fixed write
// rate during which every client (and the receiver) records the delay from each event's occurredAt
// to its receipt. The server must allow private networks for webhooks (run.sh sets it).
// See bench/README.md ("WebSocket").
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

public class WsBench {

    static final Pattern TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern OCCURRED = Pattern.compile("\"occurredAt\"\\s*:\\s*\"([^\"]+)\"");

    static String base;
    static String token;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>(Map.of("--base", "http://localhost:18080", "--clients", "50", "--rate", "500",
                "--duration", "30", "--warmup", "20", "--concurrency", "16", "--endpoints", "0"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        base = opts.get("--base");
        int clients = Integer.parseInt(opts.get("--clients"));
        int rate = Integer.parseInt(opts.get("--rate"));
        int duration = Integer.parseInt(opts.get("--duration"));
        int warmup = Integer.parseInt(opts.get("--warmup"));
        int concurrency = Integer.parseInt(opts.get("--concurrency"));
        int endpoints = Integer.parseInt(opts.get("--endpoints"));
        token = register();

        System.out.printf("warm-up: %d s of writes%n", warmup);
        closedLoop(concurrency, warmup);
        double maxWithout = closedLoop(concurrency, duration);
        System.out.printf("RESULT max-writes without subscribers: %.0f writes/s (closed loop, %d concurrent)%n", maxWithout, concurrency);
        double[] fixedWithout = fixedRate(rate, duration);
        System.out.printf("RESULT fixed %d/s without subscribers: achieved %.0f writes/s, write latency p50 %.1f ms p99 %.1f ms%n",
                rate, fixedWithout[0], fixedWithout[1], fixedWithout[2]);

        List<Client> sockets = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            sockets.add(Client.open(base.replaceFirst("^http", "ws") + "/ws", token));
        }
        for (Client client : sockets) {
            client.ready.await(60, TimeUnit.SECONDS);
        }
        System.out.printf("%d WebSocket clients subscribed to shard.*%n", clients);
        ConcurrentLinkedQueue<Long> hookDelays = new ConcurrentLinkedQueue<>();
        if (endpoints > 0) {
            receiveWebhooks(endpoints, hookDelays);
            System.out.printf("%d webhook endpoints subscribed to shard.*%n", endpoints);
            closedLoop(concurrency, 10); // the endpoints' first deliveries: connections, JIT
        }
        sockets.forEach(c -> c.delays.clear());
        hookDelays.clear();
        double[] fixedWith = fixedRate(rate, duration);
        Thread.sleep(2000); // the last events in flight
        List<Long> delays = new ArrayList<>();
        long received = 0;
        for (Client client : sockets) {
            delays.addAll(client.delays);
            received += client.delays.size();
        }
        long[] sorted = delays.stream().mapToLong(Long::longValue).sorted().toArray();
        long expected = (long) (fixedWith[3] * clients);
        System.out.printf("RESULT fixed %d/s with %d subscribers: achieved %.0f writes/s, write latency p50 %.1f ms p99 %.1f ms%n",
                rate, clients, fixedWith[0], fixedWith[1], fixedWith[2]);
        System.out.printf("RESULT event delay occurredAt->receipt over %d deliveries (%d expected): p50 %d ms p99 %d ms max %d ms%n",
                received, expected, pct(sorted, 50), pct(sorted, 99), sorted.length == 0 ? -1 : sorted[sorted.length - 1]);
        if (endpoints > 0) {
            long[] hooks = hookDelays.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("RESULT webhook delay occurredAt->receiver over %d deliveries (%d expected): p50 %d ms p99 %d ms max %d ms%n",
                    hooks.length, (long) (fixedWith[3] * endpoints), pct(hooks, 50), pct(hooks, 99),
                    hooks.length == 0 ? -1 : hooks[hooks.length - 1]);
        }
        double maxWith = closedLoop(concurrency, duration);
        System.out.printf("RESULT max-writes with %d subscribers%s: %.0f writes/s (%.1f %% of without)%n", clients,
                endpoints > 0 ? " and " + endpoints + " webhook endpoints" : "", maxWith, 100.0 * maxWith / maxWithout);
        long closed = sockets.stream().filter(c -> c.closed.isDone()).count();
        System.out.printf("RESULT sockets closed by the server during the run: %d%n", closed);
        sockets.forEach(c -> c.socket.abort());
        System.exit(0);
    }

    /** A receiver in this process answering 204, and {@code count} endpoints of the tenant pointing at it. */
    static void receiveWebhooks(int count, ConcurrentLinkedQueue<Long> delays) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            long now = System.currentTimeMillis();
            String body = new String(exchange.getRequestBody().readAllBytes());
            Matcher m = OCCURRED.matcher(body);
            if (m.find()) {
                delays.add(now - Instant.parse(m.group(1)).toEpochMilli());
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        for (int i = 0; i < count; i++) {
            String body = "{\"url\":\"http://127.0.0.1:" + server.getAddress().getPort() + "/e" + i + "\",\"events\":[\"shard.*\"]}";
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/webhooks"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("webhook endpoint: " + response.statusCode() + " " + response.body());
            }
        }
    }

    static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static String register() throws Exception {
        String email = "ws-bench-" + UUID.randomUUID() + "@example.test";
        String body = "{\"tenantName\":\"WS bench " + UUID.randomUUID() + "\",\"email\":\"" + email
                + "\",\"password\":\"correct horse battery staple\",\"name\":\"Bench\"}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = TOKEN.matcher(response.body());
        if (response.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("register: " + response.statusCode() + " " + response.body());
        }
        return m.group(1);
    }

    static final AtomicLong SEQ = new AtomicLong();

    static HttpRequest write() {
        String body = "{\"shardType\":\"c_account\",\"structuredData\":{\"name\":\"Account " + SEQ.incrementAndGet()
                + "\",\"industry\":\"software\",\"website\":\"https://example.com\"}}";
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/shards")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Writes/s of {@code concurrency} writers each sending the next write when the last is answered. */
    static double closedLoop(int concurrency, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        int status = HTTP.send(write(), HttpResponse.BodyHandlers.discarding()).statusCode();
                        (status == 201 ? ok : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            thread.start();
            writers.add(thread);
        }
        for (Thread thread : writers) {
            thread.join();
        }
        if (failed.get() > 0) {
            System.out.printf("UNEXPECTED %d failed writes%n", failed.get());
        }
        return ok.get() / (double) seconds;
    }

    static final int MAX_IN_FLIGHT = 128;

    /** Open loop at {@code rate}/s: {achieved/s, p50 ms, p99 ms, writes}. */
    static double[] fixedRate(int rate, int seconds) throws Exception {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong failed = new AtomicLong();
        long total = (long) rate * seconds;
        CountDownLatch done = new CountDownLatch((int) total);
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        AtomicLong issued = new AtomicLong();
        AtomicLong inFlight = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        ticker.scheduleAtFixedRate(() -> {
            // Catch up after a late tick so the rate stays the same.
            long due = Math.min(total, (System.nanoTime() - start) / periodNanos + 1);
            while (issued.get() < due) {
                issued.incrementAndGet();
                if (inFlight.get() >= MAX_IN_FLIGHT) {
                    // The server is behind the rate: count the write as not sent rather than pile up requests.
                    skipped.incrementAndGet();
                    done.countDown();
                    continue;
                }
                inFlight.incrementAndGet();
                long sent = System.nanoTime();
                HTTP.sendAsync(write(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                    if (error != null || response.statusCode() != 201) {
                        failed.incrementAndGet();
                    } else {
                        latencies.add(System.nanoTime() - sent);
                    }
                    inFlight.decrementAndGet();
                    done.countDown();
                });
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        done.await(seconds + 30L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        ticker.shutdownNow();
        if (failed.get() > 0 || skipped.get() > 0) {
            System.out.printf("UNEXPECTED %d failed writes, %d not sent (%d already in flight: the server is behind the rate)%n",
                    failed.get(), skipped.get(), MAX_IN_FLIGHT);
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new double[] {latencies.size() / elapsed, pct(sorted, 50) / 1e6, pct(sorted, 99) / 1e6, latencies.size()};
    }

    static final class Client implements WebSocket.Listener {
        final CountDownLatch ready = new CountDownLatch(1);
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final ConcurrentLinkedQueue<Long> delays = new ConcurrentLinkedQueue<>();
        final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Client open(String url, String token) throws Exception {
            Client client = new Client();
            client.socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(url), client).get(60, TimeUnit.SECONDS);
            client.socket.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}", true).join();
            client.socket.sendText("{\"type\":\"subscribe\",\"events\":[\"shard.*\"]}", true).join();
            return client;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.currentTimeMillis();
                String text = partial.toString();
                partial.setLength(0);
                if (text.startsWith("{\"type\":\"event\"") || text.contains("\"type\":\"event\"")) {
                    Matcher m = OCCURRED.matcher(text);
                    if (m.find()) {
                        delays.add(now - Instant.parse(m.group(1)).toEpochMilli());
                    }
                } else if (text.contains("\"subscribed\"")) {
                    ready.countDown();
                }
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
    }
}
