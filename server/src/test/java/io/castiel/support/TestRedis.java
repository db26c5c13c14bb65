package io.castiel.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

import org.junit.jupiter.api.Assumptions;

/**
 * The machine's Redis that tests against Redis use: {@code CASTIEL_TEST_REDIS_URL}, default
 * {@code redis://127.0.0.1:6379} ({@code .ci/run} starts one). Such a test skips, rather than
 * fails, where nothing listens there.
 */
public final class TestRedis {

    private static final String URL = System.getenv().getOrDefault("CASTIEL_TEST_REDIS_URL", "redis://127.0.0.1:6379");

    private TestRedis() {
    }

    public static String url() {
        return URL;
    }

    public static URI uri() {
        return URI.create(URL);
    }

    /** The port Redis listens on (6379 where the URL names none), for a {@link TcpRelay} to it. */
    public static int port() {
        URI uri = uri();
        return uri.getPort() > 0 ? uri.getPort() : 6379;
    }

    /**
     * Skips the test (or the class, from a {@code @BeforeAll}) unless something listens at the URL;
     * {@code whatIsNotTested} names what then goes untested ("two-node rate limits").
     */
    public static void assumeReachable(String whatIsNotTested) {
        Assumptions.assumeTrue(reachable(), "Redis is not reachable at " + URL + " (.ci/run starts one): " + whatIsNotTested + " not tested");
    }

    private static boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri().getHost(), port()), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
