package io.castiel.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.castiel.platform.internal.EmbeddedSuperuser;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;

/**
 * The identity purges delete rows that can no longer be used, of every tenant, and nothing else.
 * Rows with chosen timestamps are written as the database superuser (the test plays the past).
 */
class IdentityPurgeTests extends CastielTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    SessionPurge sessions;

    @Autowired
    SignInSecretPurge secrets;

    @Test
    void sessionPurgeDropsDeadFamiliesAndLongRevokedOrExpiredTokensOnly() {
        TestTenant tenant = newTenant();
        TestTenant other = newTenant();
        JdbcClient superuser = JdbcClient.create(EmbeddedSuperuser.dataSource(context));
        String live = session(superuser, tenant, "now() + interval '7 days'", null, "now() + interval '20 days'");
        String pastAbsoluteEnd = session(superuser, tenant, "now() + interval '1 day'", null, "now() - interval '1 minute'");
        String revokedLongAgo = session(superuser, tenant, "now() + interval '5 days'", "now() - interval '2 days'", "now() + interval '20 days'");
        String revokedRecently = session(superuser, tenant, "now() + interval '5 days'", "now() - interval '1 hour'", "now() + interval '20 days'");
        String expiredLongAgo = session(superuser, tenant, "now() - interval '2 days'", null, "now() + interval '20 days'");
        String expiredRecently = session(superuser, tenant, "now() - interval '1 hour'", null, "now() + interval '20 days'");
        String otherTenantDead = session(superuser, other, "now() - interval '3 days'", null, "now() + interval '20 days'");

        sessions.run();

        assertThat(superuser.sql("select id::text from sessions where id in (" + String.join(",",
                quoted(live, pastAbsoluteEnd, revokedLongAgo, revokedRecently, expiredLongAgo, expiredRecently, otherTenantDead)) + ")")
                .query(String.class).list()).containsExactlyInAnyOrder(live, revokedRecently, expiredRecently);
        assertThat(tenant.api().get("me").status()).as("the owner's own sign-in session is untouched").isEqualTo(200);
    }

    @Test
    void signInSecretPurgeDropsSpentAndExpiredSecretsOnly() {
        TestTenant tenant = newTenant();
        JdbcClient superuser = JdbcClient.create(EmbeddedSuperuser.dataSource(context));
        UUID user = tenant.ownerId();
        // expires_at, used_at of each row; the kept ones are still usable or were used within the hour.
        String[][] times = {
                {"now() + interval '5 minutes'", "null"},               // kept: pending
                {"now() - interval '1 minute'", "null"},                // deleted: expired
                {"now() + interval '5 minutes'", "now() - interval '2 hours'"}, // deleted: used long ago
                {"now() + interval '5 minutes'", "now() - interval '1 minute'"}, // kept: used just now
        };
        String[] mfa = new String[4];
        String[] tokens = new String[4];
        String[] states = new String[4];
        String[] codes = new String[4];
        for (int i = 0; i < 4; i++) {
            mfa[i] = insert(superuser, "insert into mfa_challenges (tenant_id, id, user_id, token_hash, purpose, expires_at, used_at) "
                    + "values (?, ?, ?, ?, 'verify', " + times[i][0] + ", " + times[i][1] + ")", tenant.id(), user);
            tokens[i] = insert(superuser, "insert into user_tokens (tenant_id, id, user_id, token_hash, purpose, email, expires_at, used_at) "
                    + "values (?, ?, ?, ?, 'password_reset', 'a@example.test', " + times[i][0] + ", " + times[i][1] + ")", tenant.id(), user);
            states[i] = insert(superuser, "insert into sso_states (tenant_id, id, provider, state_hash, protocol, redirect_uri, expires_at, used_at) "
                    + "values (?, ?, 'github', ?, 'oauth', 'https://app.example.test', " + times[i][0] + ", " + times[i][1] + ")",
                    tenant.id(), null);
            codes[i] = insert(superuser, "insert into sso_handoff_codes (tenant_id, id, user_id, code_hash, method, expires_at, used_at) "
                    + "values (?, ?, ?, ?, 'oauth', " + times[i][0] + ", " + times[i][1] + ")", tenant.id(), user);
        }
        superuser.sql("""
                insert into saml_seen_assertions (tenant_id, assertion_id, not_on_or_after) values
                    (?, 'still-valid', now() + interval '5 minutes'), (?, 'past', now() - interval '1 minute')""")
                .params(tenant.id(), tenant.id()).update();

        secrets.run();

        assertThat(ids(superuser, "mfa_challenges", mfa)).containsExactlyInAnyOrder(mfa[0], mfa[3]);
        assertThat(ids(superuser, "user_tokens", tokens)).containsExactlyInAnyOrder(tokens[0], tokens[3]);
        assertThat(ids(superuser, "sso_states", states)).containsExactlyInAnyOrder(states[0], states[3]);
        assertThat(ids(superuser, "sso_handoff_codes", codes)).containsExactlyInAnyOrder(codes[0], codes[3]);
        assertThat(superuser.sql("select assertion_id from saml_seen_assertions where tenant_id = ?").param(tenant.id())
                .query(String.class).list()).containsExactly("still-valid");
    }

    private static String session(JdbcClient superuser, TestTenant tenant, String expiresAt, String revokedAt, String familyExpiresAt) {
        UUID id = UUID.randomUUID();
        superuser.sql("insert into sessions (tenant_id, id, family_id, user_id, token_hash, expires_at, revoked_at, family_expires_at) "
                + "values (?, ?, ?, ?, ?, " + expiresAt + ", " + (revokedAt == null ? "null" : revokedAt) + ", " + familyExpiresAt + ")")
                .params(tenant.id(), id, UUID.randomUUID(), tenant.ownerId(), randomBytes()).update();
        return id.toString();
    }

    /** Inserts a row whose parameters are (tenant, id[, user], hash) in that order; answers its id. */
    private static String insert(JdbcClient superuser, String sql, UUID tenantId, UUID userId) {
        UUID id = UUID.randomUUID();
        if (userId == null) {
            superuser.sql(sql).params(tenantId, id, randomBytes()).update();
        } else {
            superuser.sql(sql).params(tenantId, id, userId, randomBytes()).update();
        }
        return id.toString();
    }

    /** Which of {@code inserted} are still in {@code table}. */
    private static java.util.List<String> ids(JdbcClient superuser, String table, String[] inserted) {
        return superuser.sql("select id::text from " + table + " where id in (" + String.join(",", quoted(inserted)) + ")")
                .query(String.class).list();
    }

    private static byte[] randomBytes() {
        return UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String[] quoted(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> "'" + id + "'").toArray(String[]::new);
    }
}
