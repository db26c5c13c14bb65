package io.castiel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import io.castiel.support.Api;
import io.castiel.support.Node;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * The per-IP login limit, in an application of its own with a limit of three failures: every test
 * request comes from 127.0.0.1, so the shared test application keeps that limit out of reach.
 * Guessing at many accounts from one address locks the address, not the accounts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginThrottleIpTests {

    // A static @TempDir: with one instance per class its instance fields are not yet set in @BeforeAll.
    @TempDir
    static Path home;

    private Node node;
    private Api anonymous;

    @BeforeAll
    void start() {
        node = Node.startIn(home, "castiel.db.synchronous-commit=off", "castiel.login-throttle.ip-max-failures=3",
                "castiel.login-throttle.max-failures=5");
        anonymous = node.api();
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void failuresAgainstManyAccountsFromOneAddressLockTheAddress() {
        JsonNode victim = anonymous.post("auth/register", Api.object().put("tenantName", "Victim").put("email", "victim@example.test")
                .put("password", TestTenant.PASSWORD).put("name", "V")).json();
        assertThat(login("victim@example.test", TestTenant.PASSWORD).status()).isEqualTo(200);
        Api.Response wrong = null;
        for (int i = 0; i < 3; i++) {
            wrong = login("someone-" + i + "@example.test", "wrong password");
            assertThat(wrong.status()).isEqualTo(401);
        }

        Api.Response locked = login("victim@example.test", TestTenant.PASSWORD);

        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.json().get("detail")).isEqualTo(wrong.json().get("detail"));
        Api owner = anonymous.withToken(victim.get("accessToken").asString());
        JsonNode refused = owner.get("audit-logs?action=auth.login_failed").json().at("/items/0");
        assertThat(refused.at("/changes/reason").asString()).isEqualTo("locked");
        assertThat(refused.get("resourceId").asString()).isEqualTo(victim.at("/user/id").asString());
    }

    private Api.Response login(String email, String password) {
        return anonymous.post("auth/login", Api.object().put("email", email).put("password", password));
    }
}
