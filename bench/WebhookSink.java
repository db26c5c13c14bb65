import java.io.BufferedWriter;
import java.io.FileWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/**
 * The webhook receiver of bench/webhooks.py (java bench/WebhookSink.java FILE): answers every POST
 * with 204 and appends "path id occurredAt arrival" (epoch seconds) to FILE, like the Python
 * receiver it replaces by default. It shares the two cores with the server under test, so it must
 * cost little: at 1,500 deliveries/s the Python receiver took most of a core, which the benchmark
 * then charged to the write path. So the handlers run on the server's own dispatcher thread (no
 * thread hand-off per request: each only parses two fields and appends a line), and the file is
 * flushed every 100 ms rather than once per request (WsBench reads it only after 2 s of quiet).
 */
public class WebhookSink {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern OCCURRED_AT = Pattern.compile("\"occurredAt\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws IOException {
        BufferedWriter out = new BufferedWriter(new FileWriter(args[0], StandardCharsets.UTF_8, true));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(null);
        Thread flusher = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(100);
                    synchronized (out) {
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }, "flusher");
        flusher.setDaemon(true);
        flusher.start();
        server.createContext("/", exchange -> {
            Instant arrived = Instant.now();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            // The envelope's own id and occurredAt come before "data" (the record's field order).
            Matcher id = ID.matcher(body);
            Matcher occurred = OCCURRED_AT.matcher(body);
            if (id.find() && occurred.find()) {
                String line = exchange.getRequestURI().getPath() + " " + id.group(1) + " " + seconds(Instant.parse(occurred.group(1))) + " "
                        + seconds(arrived) + "\n";
                synchronized (out) {
                    out.write(line);
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        System.out.println(server.getAddress().getPort());
        System.out.flush();
    }

    private static String seconds(Instant instant) {
        String micros = Integer.toString(1_000_000 + instant.getNano() / 1000).substring(1);
        return instant.getEpochSecond() + "." + micros;
    }
}
