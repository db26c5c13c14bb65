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
// The subscribers are, by default (--client nio), one selector thread serving all N sockets with
// plain non-blocking SocketChannels: the HTTP/1.1 upgrade, masked client frames (auth, subscribe,
// pongs to the server's pings) and incremental frame parsing done here, and each event's delay
// taken from its bytes into a long array, because the JDK client cost ~25 us of CPU per received
// message on the machine the server is measured on. --client jdk keeps java.net.http.WebSocket.
// The writers likewise (--writer lean, the default) each use one kept-alive socket with the request
// bytes built once (see LeanConnection); --writer jdk keeps java.net.http.HttpClient. At most
// 128 writes are in flight at the fixed rate (-Dwsbench.maxInFlight=N changes it).
// See bench/README.md ("WebSocket").
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
        opts.putAll(Map.of("--server-pid", "0", "--pg-pid", "0", "--jfr", "", "--client", "nio", "--writer", "lean"));
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
        String clientKind = opts.get("--client");
        if (!clientKind.equals("nio") && !clientKind.equals("jdk")) {
            throw new IllegalArgumentException("--client must be nio (one selector thread for all sockets) or jdk (java.net.http.WebSocket)");
        }
        token = register();
        leanWriter = "lean".equals(opts.get("--writer"));
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

        String wsUrl = base.replaceFirst("^http", "ws") + "/ws";
        Subscribers sockets = clientKind.equals("jdk") ? JdkSubscribers.open(wsUrl, token, clients) : NioSubscribers.open(wsUrl, token, clients);
        sockets.awaitReady(60, TimeUnit.SECONDS);
        System.out.printf("%d WebSocket clients subscribed to shard.*%n", clients);
        System.out.printf("WebSocket client: %s%n", clientKind.equals("jdk") ? "jdk (java.net.http.WebSocket)" : "nio (one selector thread for all sockets)");
        List<String> endpointIds = List.of();
        if (endpoints > 0) {
            endpointIds = registerEndpoints(endpoints, sink.port);
            System.out.printf("%d webhook endpoints subscribed to shard.* (receiver: WebhookSink, pid %d)%n", endpoints, sink.process.pid());
            closedLoop(concurrency, 10); // the endpoints' first deliveries: connections, JIT
            sink.awaitQuiet();
        }
        sockets.clearDelays();
        long sinkMark = sink == null ? 0 : sink.lines();
        if (!jfr.isEmpty() && serverPid > 0) {
            jcmd(serverPid, "JFR.start", "name=wsbench", "settings=profile", "duration=" + duration + "s", "filename=" + jfr);
        }
        System.out.println("measuring: fixed rate with subscribers");
        phase = cpu.snapshot();
        double[] fixedWith = fixedRate(rate, duration);
        cpu.report("fixed rate with subscribers", phase);
        Thread.sleep(2000); // the last events in flight
        long expectedHooks = (long) (fixedWith[3] * endpoints);
        if (sink != null) {
            // Every delivery of the phase, however late: a queue stuck behind a lease (a minute)
            // must show in the delays, not fall out of the count.
            sink.awaitCount(sinkMark + expectedHooks, Duration.ofSeconds(90));
        }
        long[] sorted = sockets.delays();
        Arrays.sort(sorted);
        long received = sorted.length;
        long expected = (long) (fixedWith[3] * clients);
        System.out.printf("RESULT fixed %d/s with %d subscribers: achieved %.0f writes/s, write latency p50 %.1f ms p99 %.1f ms%n",
                rate, clients, fixedWith[0], fixedWith[1], fixedWith[2]);
        System.out.printf("RESULT event delay occurredAt->receipt over %d deliveries (%d expected): p50 %s p99 %s max %s%n",
                received, expected, pctOf(sorted, expected, 50), pctOf(sorted, expected, 99), pctOf(sorted, expected, 100));
        if (endpoints > 0) {
            long[] hooks = sink.delaysAfter(sinkMark).stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("RESULT webhook delay occurredAt->receiver over %d deliveries (%d expected): p50 %s p99 %s max %s%n",
                    hooks.length, expectedHooks, pctOf(hooks, expectedHooks, 50), pctOf(hooks, expectedHooks, 99), pctOf(hooks, expectedHooks, 100));
        }
        phase = cpu.snapshot();
        double maxWith = closedLoop(concurrency, duration);
        System.out.printf("RESULT max-writes with %d subscribers%s: %.0f writes/s (%.1f %% of without)%n", clients,
                endpoints > 0 ? " and " + endpoints + " webhook endpoints" : "", maxWith, 100.0 * maxWith / maxWithout);
        cpu.report("max-writes with subscribers", phase);
        long closed = sockets.closed();
        System.out.printf("RESULT sockets closed by the server during the run: %d%n", closed);
        // The machine's speed drifts over minutes: the phase without subscribers once more, after
        // them, and the ratio against the mean of the two.
        sockets.abort();
        deleteEndpoints(endpointIds);
        if (sink != null) {
            sink.awaitQuiet();
        }
        Thread.sleep(2000);
        phase = cpu.snapshot();
        double maxAfter = closedLoop(concurrency, duration);
        System.out.printf("RESULT max-writes without subscribers, again after them: %.0f writes/s; with subscribers: %.1f %% of the mean of both%n",
                maxAfter, 200.0 * maxWith / (maxWithout + maxAfter));
        cpu.report("max-writes without subscribers, again", phase);
        if (sink != null) {
            sink.process.destroy();
        }
        System.exit(0);
    }

    /** {@code count} endpoints of the tenant, all on the receiver (paths /e0, /e1, ...). */
    static List<String> registerEndpoints(int count, int port) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = "{\"url\":\"http://127.0.0.1:" + port + "/e" + i + "\",\"events\":[\"shard.*\"]}";
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/webhooks"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("webhook endpoint: " + response.statusCode() + " " + response.body());
            }
            var id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
            if (!id.find()) {
                throw new IllegalStateException("webhook endpoint without id: " + response.body());
            }
            ids.add(id.group(1));
        }
        return ids;
    }

    static void deleteEndpoints(List<String> ids) throws Exception {
        for (String id : ids) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/webhooks/" + id))
                    .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("deleting webhook endpoint " + id + ": " + response.statusCode() + " " + response.body());
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

        /** Waits until the receiver has recorded {@code lines} deliveries in all, at most {@code max}. */
        void awaitCount(long lines, Duration max) throws Exception {
            long deadline = System.nanoTime() + max.toNanos();
            while (lines() < lines && System.nanoTime() < deadline) {
                Thread.sleep(500);
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
        record Snapshot(long nanos, Map<String, Long> ticks, long machineBusy, long serverKernel) {
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
            long[] server = pids.containsKey("server") ? stat(pids.get("server")) : null;
            return new Snapshot(System.nanoTime(), ticks, busy, server == null ? 0 : server[2]);
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
            // the kernel's share of the server's figure: on loopback it includes the receivers' half of every TCP send
            line.append(String.format(" (server in kernel %.0f)", 100.0 * (to.serverKernel() - from.serverKernel()) / TICK / seconds));
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

    /**
     * A percentile of the delays with every expected message that never arrived counted as later than
     * all of them: "lost" when the percentile falls among those.
     */
    static String pctOf(long[] sorted, long expected, int p) {
        long n = Math.max(expected, sorted.length);
        if (n == 0) {
            return "-";
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n));
        return rank <= sorted.length ? sorted[(int) rank - 1] + " ms" : "lost (" + (expected - sorted.length) + " never arrived)";
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

    static boolean leanWriter;

    static String writeBody() {
        return "{\"shardType\":\"c_account\",\"structuredData\":{\"name\":\"Account " + SEQ.incrementAndGet()
                + "\",\"industry\":\"software\",\"website\":\"https://example.com\"}}";
    }

    static HttpRequest write() {
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/shards")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(writeBody())).build();
    }

    /**
     * The writers' HTTP/1.1 client ({@code --writer lean}, the default): one kept-alive blocking
     * socket, one request at a time, the request bytes written at once and only the status line and
     * the framing headers of the answer parsed. The JDK client ({@code --writer jdk}) hands every
     * request between the caller, its selector thread and its executor, and took a third of a core
     * at 600 writes/s on the machine the server is measured on.
     */
    static final class LeanConnection {
        final java.net.Socket socket;
        final java.io.BufferedInputStream in;
        final java.io.OutputStream out;
        final byte[] head;

        private LeanConnection(java.net.Socket socket, byte[] head) throws IOException {
            this.socket = socket;
            this.in = new java.io.BufferedInputStream(socket.getInputStream(), 16384);
            this.out = socket.getOutputStream();
            this.head = head;
        }

        static LeanConnection open(String base) throws IOException {
            URI uri = URI.create(base);
            java.net.Socket socket = new java.net.Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            socket.setSoTimeout(10_000);
            String head = "POST /api/v1/shards HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nAuthorization: Bearer " + token + "\r\nContent-Length: ";
            return new LeanConnection(socket, head.getBytes(StandardCharsets.US_ASCII));
        }

        /** Sends one POST and reads the whole answer; returns its status. */
        int post(String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            byte[] length = (bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[head.length + length.length + bytes.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(length, 0, request, head.length, length.length);
            System.arraycopy(bytes, 0, request, head.length + length.length, bytes.length);
            out.write(request);
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            long contentLength = -1;
            boolean chunked = false;
            boolean closeAfter = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    contentLength = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                    closeAfter = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0; size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (contentLength > 0) {
                skip(contentLength);
            }
            if (closeAfter) {
                // Tomcat ends a kept-alive connection after 100 requests: the answer still counts.
                close();
            }
            return code;
        }

        boolean isOpen() {
            return !socket.isClosed();
        }

        private void skip(long count) throws IOException {
            for (long left = count; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed in a body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    /** Writes/s of {@code concurrency} writers each sending the next write when the last is answered. */
    static double closedLoop(int concurrency, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread thread = new Thread(() -> {
                LeanConnection connection = null;
                while (System.nanoTime() < end) {
                    try {
                        int status;
                        if (leanWriter) {
                            connection = connection != null && connection.isOpen() ? connection : LeanConnection.open(base);
                            status = connection.post(writeBody());
                        } else {
                            status = HTTP.send(write(), HttpResponse.BodyHandlers.discarding()).statusCode();
                        }
                        (status == 201 ? ok : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        if (connection != null) {
                            connection.close();
                            connection = null;
                        }
                    }
                }
                if (connection != null) {
                    connection.close();
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

    static final int MAX_IN_FLIGHT = Integer.getInteger("wsbench.maxInFlight", 128);

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
        // Lean writer: each write on a virtual thread, over an idle kept-alive connection (or a new one).
        java.util.concurrent.ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        ConcurrentLinkedQueue<LeanConnection> idle = new ConcurrentLinkedQueue<>();
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
                if (leanWriter) {
                    senders.execute(() -> {
                        LeanConnection connection = idle.poll();
                        try {
                            if (connection == null) {
                                connection = LeanConnection.open(base);
                            }
                            if (connection.post(writeBody()) == 201) {
                                latencies.add(System.nanoTime() - sent);
                            } else {
                                failed.incrementAndGet();
                            }
                            if (connection.isOpen()) {
                                idle.add(connection);
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                            if (connection != null) {
                                connection.close();
                            }
                        }
                        inFlight.decrementAndGet();
                        done.countDown();
                    });
                    continue;
                }
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
        senders.shutdown();
        idle.forEach(LeanConnection::close);
        if (failed.get() > 0 || skipped.get() > 0) {
            System.out.printf("UNEXPECTED %d failed writes, %d not sent (%d already in flight: the server is behind the rate)%n",
                    failed.get(), skipped.get(), MAX_IN_FLIGHT);
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new double[] {latencies.size() / elapsed, pct(sorted, 50) / 1e6, pct(sorted, 99) / 1e6, latencies.size()};
    }

    /** The N WebSocket subscribers of the run, whichever client implements them. */
    interface Subscribers {
        /** Waits until every client got its "subscribed" answer (or the time is up). */
        void awaitReady(long timeout, TimeUnit unit) throws InterruptedException;

        /** Forgets the delays recorded so far (the warm-up's). */
        void clearDelays() throws Exception;

        /** The delays occurredAt -> receipt in ms recorded since {@link #clearDelays()}, all clients, unsorted. */
        long[] delays() throws Exception;

        /** Clients whose socket the server closed (or that failed). */
        long closed();

        void abort();
    }

    /** The JDK's java.net.http.WebSocket, one per client ({@code --client jdk}). */
    static final class JdkSubscribers implements Subscribers {
        final List<Client> clients = new ArrayList<>();

        static JdkSubscribers open(String url, String token, int count) throws Exception {
            JdkSubscribers subscribers = new JdkSubscribers();
            for (int i = 0; i < count; i++) {
                subscribers.clients.add(Client.open(url, token));
            }
            return subscribers;
        }

        @Override
        public void awaitReady(long timeout, TimeUnit unit) throws InterruptedException {
            for (Client client : clients) {
                client.ready.await(timeout, unit);
            }
        }

        @Override
        public void clearDelays() {
            clients.forEach(c -> c.delays.clear());
        }

        @Override
        public long[] delays() {
            return clients.stream().flatMap(c -> c.delays.stream()).mapToLong(Long::longValue).toArray();
        }

        @Override
        public long closed() {
            return clients.stream().filter(c -> c.closed.isDone()).count();
        }

        @Override
        public void abort() {
            clients.forEach(c -> c.socket.abort());
        }
    }

    /**
     * All N sockets on one selector thread ({@code --client nio}, the default): plain non-blocking
     * SocketChannels, the HTTP/1.1 upgrade done here, RFC 6455 frames parsed in place from one
     * buffer per socket. A received event costs a byte search for {@code "occurredAt":"}, a parse
     * of the instant and a store into a long array: no String, no regex, no boxing, no
     * CompletableFuture per message as with java.net.http.WebSocket. Only the selector thread touches
     * the sockets and their delays; other threads ask it through {@link #call}.
     */
    static final class NioSubscribers implements Subscribers, Runnable {
        static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
        static final int MAX_FRAME = 16 * 1024 * 1024;
        static final byte[] EVENT_PREFIX = ascii("{\"type\":\"event\"");
        static final byte[] TYPE_EVENT = ascii("\"type\":\"event\"");
        static final byte[] OCCURRED_AT = ascii("\"occurredAt\":\"");
        static final byte[] SUBSCRIBED = ascii("\"subscribed\"");

        final Selector selector;
        final List<Conn> conns = new ArrayList<>();
        final CountDownLatch ready;
        final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        final Thread thread;
        final SplittableRandom random = new SplittableRandom(); // masks; selector thread only
        volatile boolean stopped;

        /** One socket: its state, input buffer and the delays it recorded. */
        static final class Conn {
            final int index;
            final SocketChannel channel;
            final String key;
            SelectionKey selectionKey;
            ByteBuffer in = ByteBuffer.allocate(64 * 1024); // write mode between reads
            ByteBuffer out = ByteBuffer.allocate(4 * 1024); // read mode: what is left to write
            boolean upgraded;
            boolean subscribed;
            volatile boolean closed;
            int closeStatus;
            int messageOpcode = -1; // of a fragmented message in progress
            byte[] message = new byte[0];
            int messageLength;
            long[] delays = new long[1024];
            int delayCount;
            byte[] pendingAuth;
            byte[] pendingSubscribe;

            Conn(int index, SocketChannel channel, String key) {
                this.index = index;
                this.channel = channel;
                this.key = key;
            }
        }

        private NioSubscribers(int count) throws IOException {
            this.selector = Selector.open();
            this.ready = new CountDownLatch(count);
            this.thread = new Thread(this, "ws-selector");
            this.thread.setDaemon(true);
        }

        static NioSubscribers open(String url, String token, int count) throws Exception {
            URI uri = URI.create(url);
            String host = uri.getHost();
            int port = uri.getPort() > 0 ? uri.getPort() : 80;
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (!"ws".equals(uri.getScheme())) {
                throw new IllegalArgumentException("the nio client speaks ws:// only (use --client jdk for wss://): " + url);
            }
            NioSubscribers subscribers = new NioSubscribers(count);
            SecureRandom keys = new SecureRandom();
            byte[] auth = ("{\"type\":\"auth\",\"token\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8);
            byte[] subscribe = "{\"type\":\"subscribe\",\"events\":[\"shard.*\"]}".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < count; i++) {
                byte[] nonce = new byte[16];
                keys.nextBytes(nonce);
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Conn conn = new Conn(i, channel, Base64.getEncoder().encodeToString(nonce));
                String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: " + conn.key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
                conn.out.clear().put(request.getBytes(StandardCharsets.US_ASCII)).flip();
                conn.pendingAuth = auth;
                conn.pendingSubscribe = subscribe;
                boolean connected = channel.connect(new InetSocketAddress(host, port));
                conn.selectionKey = channel.register(subscribers.selector, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, conn);
                subscribers.conns.add(conn);
            }
            subscribers.thread.start();
            return subscribers;
        }

        // ---- called from other threads -------------------------------------------------------

        /** Runs {@code task} on the selector thread and returns its result. */
        <T> T call(java.util.function.Supplier<T> task) throws Exception {
            CompletableFuture<T> result = new CompletableFuture<>();
            tasks.add(() -> {
                try {
                    result.complete(task.get());
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
            selector.wakeup();
            return result.get(30, TimeUnit.SECONDS);
        }

        @Override
        public void awaitReady(long timeout, TimeUnit unit) throws InterruptedException {
            if (!ready.await(timeout, unit)) {
                System.out.printf("WARNING only %d of %d WebSocket clients subscribed after %d s%n", conns.size() - ready.getCount(),
                        conns.size(), unit.toSeconds(timeout));
            }
        }

        @Override
        public void clearDelays() throws Exception {
            call(() -> {
                conns.forEach(c -> c.delayCount = 0);
                return null;
            });
        }

        @Override
        public long[] delays() throws Exception {
            return call(() -> {
                long[] all = new long[conns.stream().mapToInt(c -> c.delayCount).sum()];
                int at = 0;
                for (Conn c : conns) {
                    System.arraycopy(c.delays, 0, all, at, c.delayCount);
                    at += c.delayCount;
                }
                return all;
            });
        }

        @Override
        public long closed() {
            return conns.stream().filter(c -> c.closed).count();
        }

        @Override
        public void abort() {
            stopped = true;
            selector.wakeup();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        // ---- the selector thread -------------------------------------------------------------

        @Override
        public void run() {
            try {
                while (!stopped) {
                    selector.select();
                    for (Runnable task; (task = tasks.poll()) != null; ) {
                        task.run();
                    }
                    var selected = selector.selectedKeys().iterator();
                    while (selected.hasNext()) {
                        SelectionKey key = selected.next();
                        selected.remove();
                        Conn conn = (Conn) key.attachment();
                        try {
                            if (!key.isValid()) {
                                continue;
                            }
                            if (key.isConnectable() && conn.channel.finishConnect()) {
                                key.interestOps(SelectionKey.OP_WRITE); // the upgrade request
                            }
                            if (key.isValid() && key.isWritable()) {
                                flush(conn);
                            }
                            if (key.isValid() && key.isReadable()) {
                                read(conn);
                            }
                        } catch (IOException | RuntimeException e) {
                            fail(conn, e);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("ws-selector: " + e);
            } finally {
                for (Conn conn : conns) {
                    try {
                        conn.channel.close();
                    } catch (IOException e) {
                        // closing anyway
                    }
                }
                try {
                    selector.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }

        private void fail(Conn conn, Exception e) {
            if (!conn.closed) {
                System.err.printf("ws client %d: %s%n", conn.index, e);
            }
            markClosed(conn, -1);
        }

        private void markClosed(Conn conn, int status) {
            if (!conn.closed) {
                conn.closeStatus = status;
                conn.closed = true;
            }
            conn.selectionKey.cancel();
            try {
                conn.channel.close();
            } catch (IOException e) {
                // closed anyway
            }
        }

        /** Writes what is queued; reads once it is all out. */
        private void flush(Conn conn) throws IOException {
            conn.channel.write(conn.out);
            conn.selectionKey.interestOps(conn.out.hasRemaining() ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_READ);
        }

        /** Queues a masked frame (client frames must be masked, RFC 6455 5.3) and writes what it can. */
        private void send(Conn conn, int opcode, byte[] payload, int offset, int length) throws IOException {
            int header = length < 126 ? 2 : length < 65536 ? 4 : 10;
            int size = header + 4 + length;
            ByteBuffer out = conn.out;
            out.compact(); // to write mode
            if (out.remaining() < size) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + size));
                out.flip();
                bigger.put(out);
                out = conn.out = bigger;
            }
            out.put((byte) (0x80 | opcode));
            if (length < 126) {
                out.put((byte) (0x80 | length));
            } else if (length < 65536) {
                out.put((byte) (0x80 | 126)).putShort((short) length);
            } else {
                out.put((byte) (0x80 | 127)).putLong(length);
            }
            int mask = random.nextInt();
            out.putInt(mask);
            for (int i = 0; i < length; i++) {
                out.put((byte) (payload[offset + i] ^ (mask >>> (24 - 8 * (i & 3)))));
            }
            out.flip();
            flush(conn);
        }

        private void read(Conn conn) throws IOException {
            int n = conn.channel.read(conn.in);
            if (n < 0) {
                markClosed(conn, conn.upgraded ? 1006 : -1);
                return;
            }
            long now = System.currentTimeMillis(); // everything in this read arrived now
            ByteBuffer in = conn.in.flip();
            if (!conn.upgraded && !upgrade(conn, in)) {
                in.compact();
                return;
            }
            int needed = frames(conn, in, now);
            if (conn.closed) {
                return;
            }
            if (needed > in.capacity()) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(needed, in.capacity() * 2));
                bigger.put(in);
                conn.in = bigger;
            } else {
                in.compact();
            }
        }

        /** Reads the 101 answer once complete; false while it is not. */
        private boolean upgrade(Conn conn, ByteBuffer in) throws IOException {
            byte[] a = in.array();
            int end = indexOf(a, in.position(), in.limit(), CRLFCRLF);
            if (end < 0) {
                if (in.limit() == in.capacity()) {
                    throw new IOException("handshake answer larger than " + in.capacity() + " bytes");
                }
                return false;
            }
            String head = new String(a, in.position(), end - in.position(), StandardCharsets.ISO_8859_1);
            in.position(end + CRLFCRLF.length);
            String[] lines = head.split("\r\n");
            if (!lines[0].startsWith("HTTP/1.1 101")) {
                throw new IOException("handshake refused: " + lines[0]);
            }
            String accept = null;
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Accept")) {
                    accept = line.substring(colon + 1).trim();
                }
            }
            String expected;
            try {
                expected = Base64.getEncoder().encodeToString(
                        MessageDigest.getInstance("SHA-1").digest((conn.key + GUID).getBytes(StandardCharsets.US_ASCII)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            if (!expected.equals(accept)) {
                throw new IOException("handshake: Sec-WebSocket-Accept " + accept + ", expected " + expected);
            }
            conn.upgraded = true;
            // what the JDK client sends, in the same order
            send(conn, 0x1, conn.pendingAuth, 0, conn.pendingAuth.length);
            send(conn, 0x1, conn.pendingSubscribe, 0, conn.pendingSubscribe.length);
            conn.pendingAuth = null;
            conn.pendingSubscribe = null;
            return true;
        }

        /**
         * Handles every complete frame in {@code in} (read mode) and leaves its position at the
         * first incomplete one; returns the buffer size that incomplete frame needs (0 if unknown).
         */
        private int frames(Conn conn, ByteBuffer in, long now) throws IOException {
            byte[] a = in.array();
            int p = in.position();
            int limit = in.limit();
            while (limit - p >= 2) {
                int b0 = a[p] & 0xff;
                int b1 = a[p + 1] & 0xff;
                boolean fin = (b0 & 0x80) != 0;
                int opcode = b0 & 0x0f;
                boolean masked = (b1 & 0x80) != 0;
                long length = b1 & 0x7f;
                int header = 2;
                if (length == 126) {
                    if (limit - p < 4) {
                        break;
                    }
                    length = ((a[p + 2] & 0xff) << 8) | (a[p + 3] & 0xff);
                    header = 4;
                } else if (length == 127) {
                    if (limit - p < 10) {
                        break;
                    }
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | (a[p + 2 + i] & 0xff);
                    }
                    header = 10;
                }
                if (length < 0 || length > MAX_FRAME) {
                    throw new IOException("frame of " + length + " bytes");
                }
                int maskAt = p + header;
                if (masked) {
                    header += 4; // servers must not mask, but unmasking costs nothing here
                }
                int size = header + (int) length;
                if (limit - p < size) {
                    in.position(p);
                    return size;
                }
                int start = p + header;
                int len = (int) length;
                if (masked) {
                    for (int i = 0; i < len; i++) {
                        a[start + i] ^= a[maskAt + (i & 3)];
                    }
                }
                p += size;
                switch (opcode) {
                    case 0x1, 0x2 -> {
                        if (fin) {
                            if (opcode == 0x1) {
                                text(conn, a, start, len, now);
                            }
                        } else {
                            conn.messageOpcode = opcode;
                            conn.messageLength = 0;
                            append(conn, a, start, len);
                        }
                    }
                    case 0x0 -> {
                        if (conn.messageOpcode < 0) {
                            throw new IOException("continuation frame without a message");
                        }
                        append(conn, a, start, len);
                        if (fin) {
                            if (conn.messageOpcode == 0x1) {
                                text(conn, conn.message, 0, conn.messageLength, now);
                            }
                            conn.messageOpcode = -1;
                            conn.messageLength = 0;
                        }
                    }
                    case 0x8 -> {
                        int status = len >= 2 ? ((a[start] & 0xff) << 8) | (a[start + 1] & 0xff) : 1005;
                        conn.closeStatus = status;
                        conn.closed = true;
                        try {
                            send(conn, 0x8, a, start, Math.min(len, 2)); // echo the status, then go
                        } catch (IOException e) {
                            // the server may already be gone
                        }
                        markClosed(conn, status);
                        return 0;
                    }
                    case 0x9 -> send(conn, 0xA, a, start, len); // pong with the ping's payload
                    case 0xA -> {
                        // an unsolicited pong: nothing to do
                    }
                    default -> throw new IOException("unknown opcode " + opcode);
                }
            }
            in.position(p);
            return 0;
        }

        private static void append(Conn conn, byte[] a, int start, int len) throws IOException {
            if (conn.messageLength + len > MAX_FRAME) {
                throw new IOException("message larger than " + MAX_FRAME + " bytes");
            }
            if (conn.messageLength + len > conn.message.length) {
                conn.message = Arrays.copyOf(conn.message, Math.max(conn.messageLength + len, conn.message.length * 2));
            }
            System.arraycopy(a, start, conn.message, conn.messageLength, len);
            conn.messageLength += len;
        }

        /** What the JDK client's onText does: an event's delay from occurredAt, or "subscribed". */
        private void text(Conn conn, byte[] a, int start, int len, long now) {
            int end = start + len;
            if (startsWith(a, start, end, EVENT_PREFIX) || indexOf(a, start, end, TYPE_EVENT) >= 0) {
                int at = indexOf(a, start, end, OCCURRED_AT);
                if (at >= 0) {
                    int from = at + OCCURRED_AT.length;
                    int to = from;
                    while (to < end && a[to] != '"') {
                        to++;
                    }
                    if (to < end) {
                        if (conn.delayCount == conn.delays.length) {
                            conn.delays = Arrays.copyOf(conn.delays, conn.delays.length * 2);
                        }
                        conn.delays[conn.delayCount++] = now - epochMillis(a, from, to);
                    }
                }
            } else if (!conn.subscribed && indexOf(a, start, end, SUBSCRIBED) >= 0) {
                conn.subscribed = true;
                ready.countDown();
            }
        }

        static final byte[] CRLFCRLF = ascii("\r\n\r\n");

        static byte[] ascii(String s) {
            return s.getBytes(StandardCharsets.US_ASCII);
        }

        static boolean startsWith(byte[] a, int from, int to, byte[] prefix) {
            if (to - from < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (a[from + i] != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        static int indexOf(byte[] a, int from, int to, byte[] needle) {
            byte first = needle[0];
            for (int i = from, last = to - needle.length; i <= last; i++) {
                if (a[i] == first && startsWith(a, i, to, needle)) {
                    return i;
                }
            }
            return -1;
        }

        /**
         * An ISO-8601 instant as Instant.toString writes it ({@code 2026-11-26T10:19:30.123456Z}, 0-9
         * fraction digits) without allocating; anything else through Instant.parse.
         */
        static long epochMillis(byte[] a, int from, int to) {
            int n = to - from;
            if (n >= 20 && a[to - 1] == 'Z' && a[from + 4] == '-' && a[from + 7] == '-' && a[from + 10] == 'T' && a[from + 13] == ':'
                    && a[from + 16] == ':' && (n == 20 || a[from + 19] == '.')) {
                int year = digits(a, from, 4);
                int month = digits(a, from + 5, 2);
                int day = digits(a, from + 8, 2);
                int hour = digits(a, from + 11, 2);
                int minute = digits(a, from + 14, 2);
                int second = digits(a, from + 17, 2);
                int millis = 0;
                int fraction = n == 20 ? 0 : n - 21; // digits between '.' and 'Z'
                boolean ok = year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour < 24 && minute >= 0
                        && minute < 60 && second >= 0 && second < 60 && fraction >= 0 && fraction <= 9 && (n == 20 || fraction > 0);
                for (int i = 0; ok && i < fraction; i++) {
                    int d = a[from + 20 + i] - '0';
                    ok = d >= 0 && d <= 9;
                    if (i < 3) {
                        millis = millis * 10 + d;
                    }
                }
                if (ok) {
                    for (int i = fraction; i < 3; i++) {
                        millis *= 10;
                    }
                    long days = epochDay(year, month, day);
                    return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
                }
            }
            return Instant.parse(new String(a, from, n, StandardCharsets.ISO_8859_1)).toEpochMilli();
        }

        /** -1 when not all digits. */
        static int digits(byte[] a, int from, int count) {
            int value = 0;
            for (int i = 0; i < count; i++) {
                int d = a[from + i] - '0';
                if (d < 0 || d > 9) {
                    return -1;
                }
                value = value * 10 + d;
            }
            return value;
        }

        /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
        static long epochDay(int year, int month, int day) {
            long y = month <= 2 ? year - 1 : year;
            long era = Math.floorDiv(y, 400);
            long yoe = y - era * 400;
            long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
            long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            return era * 146097 + doe - 719468;
        }
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
