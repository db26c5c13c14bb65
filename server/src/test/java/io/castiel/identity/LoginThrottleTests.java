package io.castiel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * Password guessing against one account: five failures within 15 minutes lock it (one minute,
 * doubling with each further lockout). A locked account answers exactly like a wrong password,
 * even to the right one; unknown emails are counted and locked the same way; a success resets
 * the count. The per-IP limit is tested with small limits in {@link LoginThrottleIpTests}.
 */
class LoginThrottleTests extends CastielTest {

    @Test
    void fiveFailuresLockTheAccountAndThenEvenTheRightPasswordGetsTheSameAnswer() {
        TestTenant tenant = newTenant();
        Api.Response wrong = null;
        for (int i = 0; i < 5; i++) {
            wrong = anonymous.post("auth/login", credentials(tenant.ownerEmail(), "wrong password " + i));
            assertThat(wrong.status()).isEqualTo(401);
        }

        Api.Response locked = anonymous.post("auth/login", credentials(tenant.ownerEmail(), TestTenant.PASSWORD));

        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.json().get("detail")).isEqualTo(wrong.json().get("detail"));
        assertThat(locked.json().get("title")).isEqualTo(wrong.json().get("title"));
        assertThat(locked.contentType()).startsWith("application/problem+json");
    }

    @Test
    void lockingAndLockedAttemptsAreAudited() {
        TestTenant tenant = newTenant();
        for (int i = 0; i < 5; i++) {
            anonymous.post("auth/login", credentials(tenant.ownerEmail(), "wrong password " + i));
        }
        anonymous.post("auth/login", credentials(tenant.ownerEmail(), TestTenant.PASSWORD));

        JsonNode locked = tenant.api().get("audit-logs?action=auth.locked").json().get("items");
        JsonNode failed = tenant.api().get("audit-logs?action=auth.login_failed").json().get("items");

        assertThat(locked).hasSize(1);
        assertThat(locked.at("/0/resourceId").asString()).isEqualTo(tenant.ownerId().toString());
        assertThat(locked.at("/0/changes/scope").asString()).isEqualTo("account");
        assertThat(failed).hasSize(6);
        assertThat(failed.at("/0/changes/reason").asString()).as("newest first: the attempt while locked").isEqualTo("locked");
    }

    @Test
    void theLockEndsAndEachFurtherLockoutLastsTwiceAsLong() {
        TestTenant tenant = newTenant();
        fail(tenant.ownerEmail(), 5);
        Duration first = lockDuration(tenant.ownerEmail());
        expireLock(tenant.ownerEmail());
        assertThat(anonymous.post("auth/login", credentials(tenant.ownerEmail(), TestTenant.PASSWORD)).status())
                .as("usable again once the lock has passed").isEqualTo(200);

        fail(tenant.ownerEmail(), 5);
        Duration afterSuccess = lockDuration(tenant.ownerEmail());
        expireLock(tenant.ownerEmail());
        fail(tenant.ownerEmail(), 5);
        Duration next = lockDuration(tenant.ownerEmail());

        assertThat(first).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(65));
        assertThat(afterSuccess).as("a success forgets the failures, not the lockout streak")
                .isBetween(Duration.ofSeconds(115), Duration.ofSeconds(125));
        assertThat(next).isBetween(Duration.ofSeconds(235), Duration.ofSeconds(245));
    }

    @Test
    void aSuccessfulLoginResetsTheAccountsCount() {
        TestTenant tenant = newTenant();
        fail(tenant.ownerEmail(), 4);
        assertThat(anonymous.post("auth/login", credentials(tenant.ownerEmail(), TestTenant.PASSWORD)).status()).isEqualTo(200);
        fail(tenant.ownerEmail(), 4);

        assertThat(anonymous.post("auth/login", credentials(tenant.ownerEmail(), TestTenant.PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() {
        TestTenant tenant = newTenant();
        fail(tenant.ownerEmail(), 4);
        jdbc.sql("update login_throttle set window_started_at = now() - interval '16 minutes' where key = ?")
                .param(accountKey(tenant.ownerEmail())).update();
        fail(tenant.ownerEmail(), 1);

        assertThat(anonymous.post("auth/login", credentials(tenant.ownerEmail(), TestTenant.PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void unknownEmailsAreThrottledExactlyLikeKnownOnes() {
        TestTenant tenant = newTenant();
        String unknown = "nobody-" + System.nanoTime() + "@example.test";
        for (int i = 0; i < 6; i++) {
            Api.Response known = anonymous.post("auth/login", credentials(tenant.ownerEmail(), "wrong password"));
            Api.Response missing = anonymous.post("auth/login", credentials(unknown, "wrong password"));
            assertThat(missing.status()).isEqualTo(known.status());
            assertThat(missing.json().get("detail")).isEqualTo(known.json().get("detail"));
        }

        assertThat(lockDuration(unknown)).isEqualTo(lockDuration(tenant.ownerEmail()));
        assertThat(jdbc.sql("select count(*) from login_throttle where key like '%' || ? || '%'").param(unknown).query(Long.class).single())
                .as("the email itself is not stored").isZero();
    }

    @Test
    void theAccountIsCountedWhateverTheEmailsCase() {
        TestTenant tenant = newTenant();
        fail(tenant.ownerEmail().toUpperCase(Locale.ROOT), 5);

        assertThat(anonymous.post("auth/login", credentials(tenant.ownerEmail(), TestTenant.PASSWORD)).status()).isEqualTo(401);
    }

    private void fail(String email, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(anonymous.post("auth/login", credentials(email, "wrong password " + i)).status()).isEqualTo(401);
        }
    }

    private Duration lockDuration(String email) {
        Double seconds = jdbc.sql("select extract(epoch from locked_until - updated_at)::float8 from login_throttle where key = ?")
                .param(accountKey(email)).query(Double.class).single();
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private void expireLock(String email) {
        jdbc.sql("update login_throttle set locked_until = now() - interval '1 second' where key = ?").param(accountKey(email)).update();
    }

    private static tools.jackson.databind.node.ObjectNode credentials(String email, String password) {
        return Api.object().put("email", email).put("password", password);
    }

    static String accountKey(String email) {
        try {
            return "account:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
