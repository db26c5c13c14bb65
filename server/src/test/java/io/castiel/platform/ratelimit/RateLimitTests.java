package io.castiel.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import io.castiel.platform.TenantContext;
import io.castiel.support.Api;
import io.castiel.support.Node;
import io.castiel.support.TestTenant;

/**
 * Rate limits with small configured budgets (5 per credential, 8 per tenant, 3 auth calls per
 * address and minute) on a server of their own. Each test sends from its own client address,
 * so tests do not share the per-address buckets. Buckets refill smoothly (here one token every 7.5
 * to 20 s), so a test whose counted requests took longer than that is inconclusive and skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitTests {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private Node node;

    @BeforeAll
    void start() {
        node = Node.start("castiel.rate-limit.user-per-minute=5", "castiel.rate-limit.tenant-per-minute=8",
                "castiel.rate-limit.login-per-minute-per-ip=3");
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void everyApiAnswerCarriesTheRateLimitHeaders() {
        Node.Owner owner = node.register(nextAddress());

        Api.Response me = owner.api().get("me");
        Api.Response missing = owner.api().get("shards/" + UUID.randomUUID());
        Api.Response anonymous = node.from(nextAddress()).get("me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.header("RateLimit-Limit")).isEqualTo("5");
        assertThat(me.header("RateLimit-Remaining")).isEqualTo("4");
        assertThat(Long.parseLong(me.header("RateLimit-Reset"))).isBetween(1L, 60L);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("RateLimit-Remaining")).isEqualTo("3");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("RateLimit-Limit")).isEqualTo("5");
        assertThat(anonymous.header("RateLimit-Remaining")).isEqualTo("4");
        assertThat(node.from(nextAddress()).get("/health").header("RateLimit-Limit")).isNull();
    }

    @Test
    void aCredentialOverItsLimitIsRefusedWith429AndRetryAfter() {
        Node.Owner owner = node.register(nextAddress());
        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            assertThat(owner.api().get("me").status()).isEqualTo(200);
        }

        Api.Response refused = owner.api().get("me");
        noRefillSince(started, 12);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("status").asInt()).isEqualTo(429);
        assertThat(refused.json().get("title").asString()).isEqualTo("Too many requests");
        // 5 per minute, refilled smoothly: the next token comes within 12 s.
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 12L);
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("5");
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(auditedLimitHits(owner.tenantId(), "user", owner.userId())).isEqualTo(1);
    }

    @Test
    void eachCredentialHasItsOwnBucketAndTheTenantCapsThemAll() {
        Node.Owner owner = node.register(nextAddress());
        Api member = login(owner, "member");
        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            assertThat(owner.api().get("me").status()).isEqualTo(200);
        }
        assertThat(owner.api().get("me").status()).isEqualTo(429);

        // The member's own bucket is full, but the tenant has 3 of 8 left: the tighter one is reported.
        Api.Response first = member.get("me");
        member.get("me");
        Api.Response third = member.get("me");
        Api.Response refused = member.get("me");
        noRefillSince(started, 7);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("RateLimit-Limit")).isEqualTo("8");
        assertThat(first.header("RateLimit-Remaining")).isEqualTo("2");
        assertThat(third.status()).isEqualTo(200);
        assertThat(third.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("8");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(auditedLimitHits(owner.tenantId(), "tenant", owner.tenantId())).isEqualTo(1);
    }

    @Test
    void anApiKeyHasItsOwnBucketApartFromItsCreator() {
        Node.Owner owner = node.register(nextAddress());
        Api.Response created = owner.api().post("api-keys", Api.object().put("name", "ci").set("roles", Api.parse("[\"member\"]")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Api key = node.from(nextAddress()).withToken(created.json().get("key").asString());
        long started = System.nanoTime();

        // The owner has spent 1 of 5 and the tenant 1 of 8; the key's own bucket is full.
        Api.Response first = key.get("shard-types");
        for (int i = 0; i < 4; i++) {
            assertThat(key.get("shard-types").status()).isEqualTo(200);
        }
        Api.Response refused = key.get("shard-types");
        Api.Response owners = owner.api().get("me");
        noRefillSince(started, 7);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("RateLimit-Limit")).isEqualTo("5");
        assertThat(first.header("RateLimit-Remaining")).isEqualTo("4");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("5");
        assertThat(owners.status()).isEqualTo(200);
        assertThat(owners.header("RateLimit-Limit")).isEqualTo("8");
        assertThat(owners.header("RateLimit-Remaining")).isEqualTo("1");
        assertThat(auditedLimitHits(owner.tenantId(), "api_key", UUID.fromString(created.json().get("id").asString()))).isEqualTo(1);
    }

    @Test
    void publicAuthCallsAreLimitedPerClientAddress() {
        Node.Owner owner = node.register(nextAddress());
        String address = nextAddress();
        Api client = node.from(address);
        long started = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            Api.Response attempt = client.post("auth/login", Api.object().put("email", owner.email()).put("password", "a wrong password!"));
            assertThat(attempt.status()).isEqualTo(401);
            assertThat(attempt.header("RateLimit-Limit")).isEqualTo("3");
            assertThat(attempt.header("RateLimit-Remaining")).isEqualTo(Integer.toString(2 - i));
        }

        Api.Response refused = client.post("auth/login", Api.object().put("email", owner.email()).put("password", TestTenant.PASSWORD));
        Api.Response otherAddress = node.from(nextAddress())
                .post("auth/login", Api.object().put("email", owner.email()).put("password", TestTenant.PASSWORD));
        Api.Response registerFromSameAddress = client.post("auth/register", Api.object().put("tenantName", "Another")
                .put("email", "x-" + UUID.randomUUID() + "@example.test").put("password", TestTenant.PASSWORD).put("name", "X"));
        noRefillSince(started, 20);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(otherAddress.status()).isEqualTo(200);
        assertThat(registerFromSameAddress.status()).isEqualTo(429);
    }

    /** A user of the owner's tenant, inserted directly and logged in from an address of its own. */
    private Api login(Node.Owner owner, String role) {
        UUID userId = UUID.randomUUID();
        String email = role + "-" + userId + "@example.test";
        String hash = new Argon2PasswordEncoder(16, 32, 1, 19_456, 2).encode(TestTenant.PASSWORD);
        TenantContext tenants = node.context.getBean(TenantContext.class);
        JdbcClient jdbc = node.context.getBean(JdbcClient.class);
        tenants.inTenant(owner.tenantId(), () -> jdbc.sql("insert into users (tenant_id, id, email, name, password_hash, roles) values (?, ?, ?, ?, ?, ?)")
                .params(owner.tenantId(), userId, email, role, hash, new String[] {role}).update());
        Api client = node.from(nextAddress());
        Api.Response login = client.post("auth/login", Api.object().put("email", email).put("password", TestTenant.PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return client.withToken(login.json().get("accessToken").asString());
    }

    private int auditedLimitHits(UUID tenantId, String resourceType, UUID resourceId) {
        TenantContext tenants = node.context.getBean(TenantContext.class);
        JdbcClient jdbc = node.context.getBean(JdbcClient.class);
        return tenants.inTenant(tenantId, () -> jdbc.sql("""
                select count(*) from audit_log where tenant_id = ? and action = 'rate_limit.exceeded'
                and resource_type = ? and resource_id = ?""").params(tenantId, resourceType, resourceId.toString()).query(Integer.class).single());
    }

    /** Skips (rather than fails) a test whose requests were so slow that a bucket may have refilled meanwhile. */
    static void noRefillSince(long started, int seconds) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        Assumptions.assumeTrue(elapsed.compareTo(Duration.ofSeconds(seconds)) < 0,
                "the requests took " + elapsed.toMillis() + " ms: a token may have been refilled meanwhile (a very busy machine)");
    }

    private static String nextAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51.100." + n;
    }
}
