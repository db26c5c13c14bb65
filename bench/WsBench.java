// WebSocket benchmark client (JDK only: `java bench/WsBench.java --base http://localhost:18080`).
// Registers a tenant, then measures shard writes (POST /api/v1/shards, c_account) without and with
// N WebSocket clients subscribed to shard.* (and, with --endpoints M, M webhook endpoints of the
// tenant on a receiver in this process): the maximum write rate of a closed loop, and a fixed write
// rate during which every client (and the receiver) records the delay from each event's occurredAt
// to its receipt. The server must allow private networks for webhooks (run.sh sets it).
// The webhook receiver is bench/WebhookSink.java in a JVM of its own, so that its CPU is accounted
// apart from this process (the writers and the WebSocket clients). With --server-pid and --pg-pid
// (run.sh passes them) every phase prints the CPU of the server, PostgreSQL, this process, the
// receiver and everything else, from /proc; with --jfr FILE a JFR recording of the server covers
// the fixed-rate phase with subscribers.
// See bench/README.md ("WebSocket").
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

public class WsBench {

    static final Pattern TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern OCCURRED = Pattern.compile("\"occurredAt\"\\s*:\\s*\"([^\"]+)\"");

    static String base;
    static String token;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>(Map.of("--base", "http://localhost:18080", "--clients", "50", "--rate", "500",
                "--duration", "30", "--warmup", "20", "--concurrency", "16", "--endpoints", "0"));
        opts.putAll(Map.of("--server-pid", "0", "--pg-pid", "0", "--jfr", ""));
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
        long serverPid = Long.parseLong(opts.get("--server-pid"));
        long pgPid = Long.parseLong(opts.get("--pg-pid"));
        String jfr = opts.get("--jfr");
        token = register();
        Sink sink = endpoints > 0 ? Sink.start() : null;
        Cpu cpu = new Cpu(serverPid, pgPid, sink == null ? 0 : sink.process.pid());

        System.out.printf("warm-up: %d s of writes%n", warmup);
        closedLoop(concurrency, warmup);
        Cpu.Snapshot phase = cpu.snapshot();
        double maxWithout = closedLoop(concurrency, duration);
        System.out.printf("RESULT max-writes without subscribers: %.0f writes/s (closed loop, %d concurrent)%n", maxWithout, concurrency);
        cpu.report("max-writes without subscribers", phase);
        phase = cpu.snapshot();
        double[] fixedWithout = fixedRate(rate, duration);
        System.out.printf("RESULT fixed %d/s without subscribers: achieved %.0f writes/s, write latency p50 %.1f ms p99 %.1f ms%n",
                rate, fixedWithout[0], fixedWithout[1], fixedWithout[2]);
        cpu.report("fixed rate without subscribers", phase);

        List<Client> sockets = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            sockets.add(Client.open(base.replaceFirst("^http", "ws") + "/ws", token));
        }
        for (Client client : sockets) {
            client.ready.await(60, TimeUnit.SECONDS);
        }
        System.out.printf("%d WebSocket clients subscribed to shard.*%n", clients);
        if (endpoints > 0) {
            registerEndpoints(endpoints, sink.port);
            System.out.printf("%d webhook endpoints subscribed to shard.* (receiver: WebhookSink, pid %d)%n", endpoints, sink.process.pid());
            closedLoop(concurrency, 10); // the endpoints' first deliveries: connections, JIT
            sink.awaitQuiet();
        }
        sockets.forEach(c -> c.delays.clear());
        long sinkMark = sink == null ? 0 : sink.lines();
        if (!jfr.isEmpty() && serverPid > 0) {
            jcmd(serverPid, "JFR.start", "name=wsbench", "settings=profile", "duration=" + duration + "s", "filename=" + jfr);
        }
        phase = cpu.snapshot();
        double[] fixedWith = fixedRate(rate, duration);
        cpu.report("fixed rate with subscribers", phase);
        Thread.sleep(2000); // the last events in flight
        if (sink != null) {
            sink.awaitQuiet();
        }
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
            long[] hooks = sink.delaysAfter(sinkMark).stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("RESULT webhook delay occurredAt->receiver over %d deliveries (%d expected): p50 %d ms p99 %d ms max %d ms%n",
                    hooks.length, (long) (fixedWith[3] * endpoints), pct(hooks, 50), pct(hooks, 99),
                    hooks.length == 0 ? -1 : hooks[hooks.length - 1]);
        }
        phase = cpu.snapshot();
        double maxWith = closedLoop(concurrency, duration);
        System.out.printf("RESULT max-writes with %d subscribers%s: %.0f writes/s (%.1f %% of without)%n", clients,
                endpoints > 0 ? " and " + endpoints + " webhook endpoints" : "", maxWith, 100.0 * maxWith / maxWithout);
        cpu.report("max-writes with subscribers", phase);
        long closed = sockets.stream().filter(c -> c.closed.isDone()).count();
        System.out.printf("RESULT sockets closed by the server during the run: %d%n", closed);
        sockets.forEach(c -> c.socket.abort());
        if (sink != null) {
            sink.process.destroy();
        }
        System.exit(0);
    }

    /** {@code count} endpoints of the tenant, all on the receiver (paths /e0, /e1, ...). */
    static void registerEndpoints(int count, int port) throws Exception {
        for (int i = 0; i < count; i++) {
            String body = "{\"url\":\"http://127.0.0.1:" + port + "/e" + i + "\",\"events\":[\"shard.*\"]}";
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/webhooks"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("webhook endpoint: " + response.statusCode() + " " + response.body());
            }
        }
    }

    static void jcmd(long pid, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    /**
     * bench/WebhookSink.java in a JVM of its own (C1 only, small heap: it must cost little), which
     * appends "path id occurredAt arrival" per request to a file that this process reads afterwards.
     */
    static final class Sink {
        final Process process;
        final Path file;
        final int port;

        private Sink(Process process, Path file, int port) {
            this.process = process;
            this.file = file;
            this.port = port;
        }

        static Sink start() throws Exception {
            Path file = Files.createTempFile("wsbench-sink", ".txt");
            Path source = Path.of(System.getProperty("wsbench.dir", "bench"), "WebhookSink.java");
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                    "-Xmx256m", source.toString(), file.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            int port = Integer.parseInt(out.readLine().trim());
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            return new Sink(process, file, port);
        }

        long lines() throws IOException {
            try (var lines = Files.lines(file)) {
                return lines.count();
            }
        }

        /** Waits until no delivery arrived for 2 s (the server caught up), at most 120 s. */
        void awaitQuiet() throws Exception {
            long last = -1;
            for (int i = 0; i < 60; i++) {
                long now = lines();
                if (now == last) {
                    return;
                }
                last = now;
                Thread.sleep(2000);
            }
        }

        /** Delays occurredAt -> arrival in ms of the deliveries recorded after the first {@code skip} lines. */
        List<Long> delaysAfter(long skip) throws IOException {
            try (var lines = Files.lines(file)) {
                return lines.skip(skip).map(line -> line.split(" ")).filter(f -> f.length == 4)
                        .map(f -> Math.round((Double.parseDouble(f[3]) - Double.parseDouble(f[2])) * 1000)).toList();
            }
        }
    }

    /**
     * CPU time per process between two snapshots, from /proc, in % of one core (the machine has
     * nproc x 100 %): the server (all its threads), PostgreSQL (the postmaster, its live children
     * and the children it reaped), this process, the webhook receiver, and all the rest.
     */
    static final class Cpu {
        record Snapshot(long nanos, Map<String, Long> ticks, long machineBusy) {
        }

        private static final double TICK = 100.0; // USER_HZ on Linux
        private final Map<String, Long> pids = new LinkedHashMap<>();
        private final long pgPid;

        Cpu(long serverPid, long pgPid, long sinkPid) {
            this.pgPid = pgPid;
            if (serverPid > 0) {
                pids.put("server", serverPid);
            }
            pids.put("wsbench", ProcessHandle.current().pid());
            if (sinkPid > 0) {
                pids.put("receiver", sinkPid);
            }
        }

        Snapshot snapshot() {
            Map<String, Long> ticks = new LinkedHashMap<>();
            pids.forEach((name, pid) -> ticks.put(name, own(stat(pid))));
            if (pgPid > 0) {
                long[] postmaster = stat(pgPid);
                long total = own(postmaster) + (postmaster == null ? 0 : postmaster[3] + postmaster[4]);
                try (var entries = Files.list(Path.of("/proc"))) {
                    for (Path entry : (Iterable<Path>) entries::iterator) {
                        String name = entry.getFileName().toString();
                        if (name.chars().allMatch(Character::isDigit)) {
                            long[] child = stat(Long.parseLong(name));
                            if (child != null && child[0] == pgPid) {
                                total += own(child);
                            }
                        }
                    }
                } catch (IOException e) {
                    // leave what was counted
                }
                ticks.put("postgres", total);
            }
            long busy = 0;
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                // user nice system idle iowait irq softirq steal: busy is all but idle and iowait
                for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                    busy += Long.parseLong(cpu[i]);
                }
            } catch (IOException | RuntimeException e) {
                busy = -1;
            }
            return new Snapshot(System.nanoTime(), ticks, busy);
        }

        void report(String phase, Snapshot from) {
            Snapshot to = snapshot();
            double seconds = (to.nanos() - from.nanos()) / 1e9;
            StringBuilder line = new StringBuilder("CPU " + phase + " (% of one core, machine " + Runtime.getRuntime().availableProcessors() * 100 + " %):");
            long accounted = 0;
            for (var entry : to.ticks().entrySet()) {
                long used = entry.getValue() - from.ticks().getOrDefault(entry.getKey(), 0L);
                accounted += used;
                line.append(String.format(" %s %.0f", entry.getKey(), 100.0 * used / TICK / seconds));
            }
            if (from.machineBusy() >= 0 && to.machineBusy() >= 0) {
                long busy = to.machineBusy() - from.machineBusy();
                line.append(String.format(" others %.0f, machine busy %.0f", 100.0 * (busy - accounted) / TICK / seconds, 100.0 * busy / TICK / seconds));
            }
            System.out.println(line);
        }

        /** {ppid, utime, stime, cutime, cstime} of a process, or null when it is gone. */
        private static long[] stat(long pid) {
            try {
                String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
                return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        private static long own(long[] stat) {
            return stat == null ? 0 : stat[1] + stat[2];
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
