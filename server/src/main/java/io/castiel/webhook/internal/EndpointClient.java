package io.castiel.webhook.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.castiel.webhook.WebhookProperties;

/**
 * Posts deliveries to endpoints: Apache HttpClient 5 classic, synchronous, over pooled keep-alive
 * connections. A delivery costs the worker thread one blocking write and one read; the JDK client
 * it replaces handed every request between its selector thread and an executor (about 0.7 ms of
 * CPU per delivery under JFR, several thread wake-ups on a saturated machine).
 * <p>
 * The SSRF guard sits in the connection's DNS resolver: every address a new connection may use is
 * resolved and checked there ({@link AddressGuard#resolve}), and the connection goes to exactly those
 * addresses, so an answer that changes after the check (DNS rebinding) is never connected to. A
 * kept-alive connection was checked when it was opened. No redirects, cookies, proxies or
 * compression, and one retry only: when the request could not be sent or got no answer at all (a
 * kept-alive connection the receiver had closed meanwhile, a reset), it goes once more on another
 * connection at once, rather than failing the delivery and holding back the endpoint's whole queue
 * until its retry (5 s later by default, then minutes). Any answer, a timeout, a refused or unreachable address is final. The
 * receiver may then see a delivery twice, which at-least-once delivery allows: it dedupes by
 * {@code webhook-id}. The timeout bounds connecting and each read, and one deadline of the same
 * length covers the whole exchange (a receiver dripping bytes cannot hold a worker longer).
 */
@Component
class EndpointClient implements DisposableBean {

    /** A response body is not needed: this much is read so that the connection can be reused, more closes it. */
    static final int MAX_BODY = 16 * 1024;

    /** How an attempt ended: a response code when there was one, or the error. */
    record Outcome(boolean success, Integer responseCode, long durationMs, String error) {
    }

    /** The guard's refusal, travelling through the HTTP client as the resolver's exception. */
    static final class RefusedHost extends UnknownHostException {
        RefusedHost(String message) {
            super(message);
        }
    }

    private final Duration timeout;
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient http;
    private final ScheduledExecutorService deadlines;

    EndpointClient(AddressGuard guard, WebhookProperties properties) {
        this.timeout = properties.timeout();
        Timeout limit = Timeout.of(timeout);
        DnsResolver resolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                try {
                    return guard.resolve(host);
                } catch (AddressGuard.Refused e) {
                    throw new RefusedHost(e.getMessage());
                }
            }

            @Override
            public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
                // never an unresolved address: the socket would then resolve (and connect) unchecked
                return Arrays.stream(resolve(host)).map(address -> new InetSocketAddress(address, port)).toList();
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return host;
            }
        };
        int pool = Math.max(2, properties.workers() * Math.max(1, properties.inFlightPerEndpoint()));
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setMaxConnTotal(pool)
                .setMaxConnPerRoute(pool)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit)
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2)).setTimeToLive(TimeValue.ofMinutes(5)).build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(limit).setResponseTimeout(limit)
                        .setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .setRetryStrategy(new DeadConnectionRetry())
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .disableConnectionState()
                .setUserAgent("Castiel-Webhooks/1")
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "webhook-deadline");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.deadlines = Executors.unconfigurableScheduledExecutorService(timer);
    }

    /** Posts {@code body} (JSON) with the Standard Webhooks headers; never throws. */
    Outcome post(URI uri, String webhookId, long timestamp, String signature, byte[] body) {
        long started = System.nanoTime();
        HttpPost post = new HttpPost(uri);
        post.setHeader("content-type", "application/json");
        post.setHeader("webhook-id", webhookId);
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", signature);
        post.setEntity(new ByteArrayEntity(body, null));
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            expired.set(true);
            post.cancel(); // closes the connection: the blocked read or write fails at once
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            int code;
            ClassicHttpResponse response = http.executeOpen(null, post, null);
            try {
                code = response.getCode();
                HttpEntity entity = response.getEntity();
                // Reading to the end hands the connection back for the next delivery; a longer body
                // is not read on (an endpoint must not stream at us): the connection is dropped.
                if (entity != null && !readToEnd(entity.getContent())) {
                    post.cancel();
                }
            } finally {
                closeQuietly(response);
            }
            boolean ok = code >= 200 && code < 300;
            return new Outcome(ok, code, millis(started), ok ? null : "HTTP " + code);
        } catch (RefusedHost e) {
            return new Outcome(false, null, millis(started), "Refused: " + e.getMessage());
        } catch (SocketTimeoutException e) { // also a connect timeout (ConnectTimeoutException)
            return timedOut(started);
        } catch (InterruptedIOException e) {
            return expired.get() ? timedOut(started) : new Outcome(false, null, millis(started), "Interrupted (node shutting down)");
        } catch (IOException | RuntimeException e) {
            if (expired.get()) {
                return timedOut(started);
            }
            return new Outcome(false, null, millis(started), e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } finally {
            deadline.cancel(false);
        }
    }

    /** After a complete read this releases nothing more; after a cut-off one the connection is already aborted. */
    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException | RuntimeException e) {
            // the outcome is known; the connection is not reused
        }
    }

    /** Whether the body ended within {@link #MAX_BODY} bytes (the rest is left unread). */
    private static boolean readToEnd(InputStream content) throws IOException {
        return content.readNBytes(MAX_BODY).length < MAX_BODY || content.read() == -1;
    }

    private Outcome timedOut(long started) {
        String limit = timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
        return new Outcome(false, null, millis(started), "Timed out after " + limit);
    }

    private static long millis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    @Override
    public void destroy() {
        deadlines.shutdownNow();
        http.close(CloseMode.IMMEDIATE);
        connections.close(CloseMode.IMMEDIATE);
    }

    /**
     * Retries once, at once, an exchange that failed for want of a connection that works (no
     * response, a reset): HttpClient's default list of final errors (timeouts, unknown or refused
     * hosts, connection refused, TLS) still ends the attempt, and no response code is ever retried.
     */
    private static final class DeadConnectionRetry extends DefaultHttpRequestRetryStrategy {

        DeadConnectionRetry() {
            super(1, TimeValue.ZERO_MILLISECONDS);
        }

        @Override
        protected boolean handleAsIdempotent(HttpRequest request) {
            return true; // a webhook may arrive twice; its id lets the receiver tell
        }

        @Override
        public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
            return false;
        }
    }
}
