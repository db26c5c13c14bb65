package io.castiel.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;

import io.castiel.platform.ActorContext;
import io.castiel.platform.RedisProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** When Redis cannot be reached, requests are still limited, by this node's own buckets, and the failure is counted. */
class RateLimitsFallbackTests {

    @Test
    void anUnreachableRedisFallsBackToPerNodeBucketsAndIsCounted() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RateLimitProperties properties = new RateLimitProperties(true, 2, 10, 2, 1000, Duration.ofMillis(200), "test:");
        RateLimits limits = new RateLimits(properties, new RedisProperties("redis://127.0.0.1:" + closedPort), new StandardEnvironment(),
                new ActorContext(), JsonMapper.builder().build(), event -> { }, meters);
        try {
            MockHttpServletRequest login = new MockHttpServletRequest("POST", "/api/v1/auth/login");
            login.setRemoteAddr("192.0.2.1");

            RateLimits.Decision first = limits.check(login, Optional.empty());
            RateLimits.Decision second = limits.check(login, Optional.empty());
            RateLimits.Decision third = limits.check(login, Optional.empty());

            assertThat(first.allowed()).isTrue();
            assertThat(first.remaining()).isEqualTo(1);
            assertThat(second.allowed()).isTrue();
            assertThat(third.allowed()).isFalse();
            assertThat(third.retryAfterSeconds()).isBetween(1L, 30L);
            assertThat(meters.counter("castiel.rate_limit.store_failures").count()).isEqualTo(3);
        } finally {
            limits.destroy();
        }
    }

    @Test
    void aRedisThatAcceptsButNeverAnswersCostsARequestNoWaitWhenTheStoreRetries() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread accepting = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        accepted.add(silent.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            accepting.setDaemon(true);
            accepting.start();
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            RateLimitProperties properties = new RateLimitProperties(true, 2, 10, 2, 1000, Duration.ofMillis(300), "test:");
            RateLimits limits = new RateLimits(properties, new RedisProperties("redis://127.0.0.1:" + silent.getLocalPort()),
                    new StandardEnvironment(), new ActorContext(), JsonMapper.builder().build(), event -> { }, meters);
            try {
                MockHttpServletRequest login = new MockHttpServletRequest("POST", "/api/v1/auth/login");
                login.setRemoteAddr("192.0.2.2");
                // The store tries to connect again at most every 5 s: this request comes after that.
                Thread.sleep(5_100);

                long started = System.nanoTime();
                RateLimits.Decision decision = limits.check(login, Optional.empty());
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertThat(decision.allowed()).isTrue();
                assertThat(took).as("the request while the store connects again").isLessThan(Duration.ofMillis(100));
            } finally {
                limits.destroy();
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }
}
