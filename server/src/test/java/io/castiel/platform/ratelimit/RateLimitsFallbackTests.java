package io.castiel.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;

import io.castiel.platform.ActorContext;
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
}
