package io.castiel.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.castiel.platform.TenantContext;
import tools.jackson.databind.JsonNode;

/**
 * Base of the HTTP tests: the whole application on a random port with an embedded PostgreSQL
 * in a fresh directory (one per test JVM; the context is shared by all test classes). Each test
 * registers its own tenants, so no test depends on another's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({RecordedEvents.class, TestJobs.class})
public abstract class CastielTest {

    private static final Path HOME = createHome();

    /** The SMTP server every test context sends mail to. */
    protected static final Inbox INBOX = new Inbox();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected TenantContext tenants;

    @Autowired
    protected RecordedEvents events;

    protected Api anonymous;

    @DynamicPropertySource
    static void castielHome(DynamicPropertyRegistry registry) {
        registry.add("castiel.home", HOME::toString);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", INBOX::port);
    }

    @BeforeEach
    void anonymousClient() {
        anonymous = new Api(port, null);
    }

    /** A new tenant with its owner, logged in. */
    protected TestTenant newTenant() {
        return newTenant("Tenant " + UUID.randomUUID().toString().substring(0, 8));
    }

    protected TestTenant newTenant(String name) {
        String email = "owner-" + UUID.randomUUID() + "@example.test";
        Api.Response response = anonymous.post("auth/register", Api.object().put("tenantName", name).put("email", email)
                .put("password", TestTenant.PASSWORD).put("name", "Owner"));
        if (response.status() != 201) {
            throw new IllegalStateException("register failed: " + response);
        }
        JsonNode body = response.json();
        return new TestTenant(this, UUID.fromString(body.at("/tenant/id").asString()), body.at("/tenant/slug").asString(),
                UUID.fromString(body.at("/user/id").asString()), email, new Api(port, body.get("accessToken").asString()),
                body.get("refreshToken").asString());
    }

    /** Adds a user with one role directly in the tenant's tables (user management is its own API). */
    protected TestTenant.Member addUser(TestTenant tenant, String role) {
        UUID userId = UUID.randomUUID();
        String email = role + "-" + userId + "@example.test";
        String hash = new Argon2PasswordEncoder(16, 32, 1, 19_456, 2).encode(TestTenant.PASSWORD);
        tenants.inTenant(tenant.id(), () -> jdbc.sql("insert into users (tenant_id, id, email, name, password_hash, roles) values (?, ?, ?, ?, ?, ?)")
                .params(tenant.id(), userId, email, role, hash, new String[] {role}).update());
        Api.Response login = anonymous.post("auth/login", Api.object().put("email", email).put("password", TestTenant.PASSWORD));
        if (login.status() != 200) {
            throw new IllegalStateException("login failed: " + login);
        }
        return new TestTenant.Member(userId, email, new Api(port, login.json().get("accessToken").asString()));
    }

    private static Path createHome() {
        try {
            Path home = Files.createTempDirectory("castiel-test-");
            home.toFile().deleteOnExit();
            return home;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
