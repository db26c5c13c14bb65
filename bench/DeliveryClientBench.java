// CPU per webhook delivery of the two HTTP clients the dispatcher has used, measured as this
// process's CPU time (not wall time, so that a busy shared machine distorts it less): the JDK
// HttpClient as DeliveryDispatcher used it until 2026-11-26 (send + InputStream body, 16 KiB read)
// and Apache HttpClient 5 classic as EndpointClient uses it (pooled keep-alive connection,
// executeOpen, body read to the end, a deadline scheduled and cancelled per request). Requests go
// one at a time to bench/WebhookSink.java in a JVM of its own, with a 700-byte JSON body and the
// Standard Webhooks headers. See bench/README.md ("Webhook delivery cost").
//
//   CP=$(ls ~/.m2/repository/org/apache/httpcomponents/client5/httpclient5/5.5.2/*.jar \
//        ~/.m2/repository/org/apache/httpcomponents/core5/httpcore5/5.3.6/*.jar \
//        ~/.m2/repository/org/apache/httpcomponents/core5/httpcore5-h2/5.3.6/*.jar \
//        ~/.m2/repository/org/slf4j/slf4j-api/2.0.17/*.jar | paste -sd:)
//   java -cp "$CP" bench/DeliveryClientBench.java --requests 20000 --warmup 10000
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

public class DeliveryClientBench {

    interface Client {
        int post(URI uri, byte[] body) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>(Map.of("--requests", "20000", "--warmup", "10000"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        int requests = Integer.parseInt(opts.get("--requests"));
        int warmup = Integer.parseInt(opts.get("--warmup"));
        Path file = Files.createTempFile("delivery-sink", ".txt");
        Process sink = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-Xmx256m", Path.of(System.getProperty("bench.dir", "bench"), "WebhookSink.java").toString(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Runtime.getRuntime().addShutdownHook(new Thread(sink::destroy));
        int port = Integer.parseInt(new BufferedReader(new InputStreamReader(sink.getInputStream(), StandardCharsets.UTF_8)).readLine().trim());
        URI uri = URI.create("http://127.0.0.1:" + port + "/e0");
        String json = "{\"id\":\"0193a0b4-0000-7000-8000-000000000000\",\"type\":\"shard.created\",\"tenantId\":\"0193a0b4-0000-7000-8000-"
                + "000000000001\",\"occurredAt\":\"2026-11-26T08:00:00.000000Z\",\"data\":{\"id\":\"0193a0b4-0000-7000-8000-000000000002\","
                + "\"shardType\":\"c_account\",\"structuredData\":{\"name\":\"Account 1\",\"industry\":\"software\",\"website\":"
                + "\"https://example.com\"},\"revision\":1,\"status\":\"active\",\"source\":\"api\",\"createdAt\":\"2026-11-26T08:00:00Z\"}}";
        byte[] body = (json + " ".repeat(Math.max(0, 700 - json.length()))).getBytes(StandardCharsets.UTF_8);

        HttpClient jdk = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
        Client jdkClient = (target, bytes) -> {
            HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                    .header("user-agent", "Castiel-Webhooks/1").header("webhook-id", "msg_1").header("webhook-timestamp", "1700000000")
                    .header("webhook-signature", "v1,abc").POST(HttpRequest.BodyPublishers.ofString(new String(bytes, StandardCharsets.UTF_8)))
                    .build();
            HttpResponse<InputStream> response = jdk.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                in.readNBytes(16 * 1024);
            }
            return response.statusCode();
        };

        Timeout limit = Timeout.ofSeconds(10);
        CloseableHttpClient apache = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(8).setMaxConnPerRoute(8)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit).build()).build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement().disableAuthCaching()
                .disableContentCompression().disableConnectionState().setUserAgent("Castiel-Webhooks/1").build();
        ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1);
        deadlines.setRemoveOnCancelPolicy(true);
        Client apacheClient = (target, bytes) -> {
            HttpPost post = new HttpPost(target);
            post.setHeader("content-type", "application/json");
            post.setHeader("webhook-id", "msg_1");
            post.setHeader("webhook-timestamp", "1700000000");
            post.setHeader("webhook-signature", "v1,abc");
            post.setEntity(new ByteArrayEntity(bytes, null));
            ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, 10, TimeUnit.SECONDS);
            try {
                ClassicHttpResponse response = apache.executeOpen(null, post, null);
                try {
                    if (response.getEntity() != null) {
                        InputStream in = response.getEntity().getContent();
                        in.readNBytes(16 * 1024);
                    }
                    return response.getCode();
                } finally {
                    response.close();
                }
            } finally {
                deadline.cancel(false);
            }
        };

        for (int round = 1; round <= 2; round++) {
            measure("jdk-httpclient", jdkClient, uri, body, warmup, requests);
            measure("apache-httpclient5", apacheClient, uri, body, warmup, requests);
        }
        sink.destroy();
        System.exit(0);
    }

    static void measure(String name, Client client, URI uri, byte[] body, int warmup, int requests) throws Exception {
        for (int i = 0; i < warmup; i++) {
            client.post(uri, body);
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        int failed = 0;
        for (int i = 0; i < requests; i++) {
            int code = client.post(uri, body);
            failed += code == 204 ? 0 : 1;
        }
        double cpuMicros = (os.getProcessCpuTime() - cpu) / 1e3 / requests;
        double wallMicros = (System.nanoTime() - wall) / 1e3 / requests;
        System.out.printf("RESULT %s: %d deliveries one at a time, CPU %.0f us per delivery (this process), wall %.0f us (round trip incl. receiver), %d not 204%n",
                name, requests, cpuMicros, wallMicros, failed);
    }
}
