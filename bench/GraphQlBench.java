// GraphQL vs REST benchmark client (JDK only: `java bench/GraphQlBench.java --base http://localhost:18080`).
// Registers a tenant with 50 accounts, each linked to 2 contacts (has_contact) and 1 note (has_activity),
// then measures, at the same concurrency and in the same run, one "page" read two ways:
//   graphql: POST /api/v1/graphql with a nested query (50 accounts, their contacts, their relationships);
//   rest:    what a REST client does for the same data: GET /shards?type=c_account&limit=50, then per
//            account GET /shards/{id}/graph?depth=1&types=has_contact (the contacts) and
//            GET /shards/{id}/relationships (all its edges): 101 requests, sequential per client.
// Each operation is one full page; its latency is from first request to last response.
// See bench/README.md ("GraphQL").
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class GraphQlBench {

    static final Pattern TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static final String QUERY = """
            { shards(type: "c_account", first: 50) { edges { node { id structuredData
                related(type: "has_contact") { id structuredData }
                relationships { id type sourceId targetId } } } } }""";

    static String base;
    static String token;

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>(Map.of("--base", "http://localhost:18080", "--concurrency", "16", "--duration", "30",
                "--warmup", "20", "--scenarios", "graphql rest"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        base = opts.get("--base");
        int concurrency = Integer.parseInt(opts.get("--concurrency"));
        int duration = Integer.parseInt(opts.get("--duration"));
        int warmup = Integer.parseInt(opts.get("--warmup"));
        seed();
        checkSameData();
        for (String scenario : opts.get("--scenarios").split(" ")) {
            Runnable operation = scenario.equals("graphql") ? GraphQlBench::graphQlPage : GraphQlBench::restPage;
            run(scenario + "-warmup", operation, concurrency, warmup, false);
            run(scenario, operation, concurrency, duration, true);
        }
    }

    static void seed() {
        String email = "bench-" + UUID.randomUUID() + "@example.test";
        String registered = send("POST", "/api/v1/auth/register", "{\"tenantName\":\"GraphQL bench\",\"email\":\"" + email
                + "\",\"password\":\"correct horse battery staple\",\"name\":\"Bench\"}", 201);
        Matcher m = TOKEN.matcher(registered);
        m.find();
        token = m.group(1);
        for (int i = 0; i < 50; i++) {
            String account = id(send("POST", "/api/v1/shards", "{\"shardType\":\"c_account\",\"structuredData\":{\"name\":\"Account " + i
                    + "\",\"industry\":\"Manufacturing\",\"employees\":" + (10 + i) + "}}", 201));
            for (int c = 0; c < 2; c++) {
                String contact = id(send("POST", "/api/v1/shards", "{\"shardType\":\"c_contact\",\"structuredData\":{\"lastName\":\"Contact "
                        + i + "-" + c + "\",\"title\":\"Buyer\"}}", 201));
                link(account, contact, "has_contact");
            }
            String note = id(send("POST", "/api/v1/shards", "{\"shardType\":\"c_note\",\"structuredData\":{\"title\":\"Note " + i + "\"}}", 201));
            link(account, note, "has_activity");
        }
        System.out.println("seeded: 50 accounts, 100 contacts, 50 notes, 150 relationships");
    }

    /** Both ways read the same thing: 50 accounts, 100 contacts, 150 relationships. */
    static void checkSameData() {
        String graphQl = graphQl();
        int graphQlIds = count(graphQl, ID);
        int restIds = 0;
        String list = send("GET", "/api/v1/shards?type=c_account&limit=50", null, 200);
        List<String> accounts = ids(list);
        restIds += accounts.size();
        for (String account : accounts) {
            String graph = send("GET", "/api/v1/shards/" + account + "/graph?depth=1&types=has_contact&direction=out", null, 200);
            restIds += Math.max(0, count(graph.substring(0, graph.indexOf("\"edges\"")), ID) - 1); // the nodes but the account itself
            restIds += count(send("GET", "/api/v1/shards/" + account + "/relationships", null, 200), ID);
        }
        System.out.println("check: graphql ids " + graphQlIds + ", rest ids " + restIds + " (50 accounts + 100 contacts + 150 relationships = 300)");
    }

    static void graphQlPage() {
        graphQl();
    }

    static String graphQl() {
        String body = "{\"query\":" + quote(QUERY) + "}";
        String answer = send("POST", "/api/v1/graphql", body, 200);
        if (answer.contains("\"errors\"")) {
            throw new IllegalStateException("graphql errors: " + answer);
        }
        return answer;
    }

    static void restPage() {
        List<String> accounts = ids(send("GET", "/api/v1/shards?type=c_account&limit=50", null, 200));
        for (String account : accounts) {
            send("GET", "/api/v1/shards/" + account + "/graph?depth=1&types=has_contact&direction=out", null, 200);
            send("GET", "/api/v1/shards/" + account + "/relationships", null, 200);
        }
    }

    static void run(String name, Runnable operation, int concurrency, int seconds, boolean report) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        AtomicBoolean printed = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            Thread.ofPlatform().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        try {
                            operation.run();
                            latencies.add(System.nanoTime() - start);
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                            if (printed.compareAndSet(false, true)) {
                                System.out.println("UNEXPECTED " + name + ": " + e.getMessage());
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        if (!report) {
            return;
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double throughput = sorted.size() / (double) seconds;
        System.out.printf("RESULT %s: %d pages in %ds at concurrency %d: %.1f pages/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, errors %d%n",
                name, sorted.size(), seconds, concurrency, throughput, ms(sorted, 0.50), ms(sorted, 0.99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6, errors.get());
    }

    static double ms(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }

    static void link(String source, String target, String type) {
        send("POST", "/api/v1/relationships", "{\"sourceId\":\"" + source + "\",\"targetId\":\"" + target + "\",\"type\":\"" + type + "\"}", 201);
    }

    static String send(String method, String path, String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String id(String json) {
        Matcher m = ID.matcher(json);
        m.find();
        return m.group(1);
    }

    static List<String> ids(String list) {
        List<String> ids = new ArrayList<>();
        // items of GET /shards: each shard's own id is the first "id" of the item, acl and createdBy aside
        Matcher m = Pattern.compile("\\{\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(list);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    static int count(String text, Pattern pattern) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"";
    }
}
