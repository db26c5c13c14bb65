package io.castiel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.Inbox;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

class PasswordLifecycleTests extends CastielTest {

    private static final String NEW_PASSWORD = "a brand new passphrase";
    private static final String TOKEN = "token=([A-Za-z0-9_-]+)";

    @Test
    void passwordsNeedEightCharactersAndMustNotBeCommon() {
        Api.Response seven = register("seven77");
        Api.Response common = register("Password1");
        Api.Response tooLong = register("x".repeat(257));
        Api.Response eight = register("zq8!Lm3x");

        assertThat(seven.status()).isEqualTo(400);
        assertThat(seven.json().at("/errors/0/pointer").asString()).isEqualTo("/password");
        assertThat(common.status()).isEqualTo(400);
        assertThat(common.json().at("/errors/0/pointer").asString()).isEqualTo("/password");
        assertThat(common.json().get("detail").asString()).contains("common");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(eight.status()).as(eight.toString()).isEqualTo(201);
    }

    @Test
    void forgotMailsASingleUseLinkAndResetEndsEverySession() {
        TestTenant tenant = newTenant();

        Api.Response forgot = anonymous.post("auth/password/forgot", Api.object().put("email", tenant.ownerEmail().toUpperCase()));
        assertThat(forgot.status()).isEqualTo(202);
        Inbox.Mail mail = awaitReset(tenant.ownerEmail());
        assertThat(mail.text()).contains("/reset-password?token=pr_", "30 minutes", tenant.slug());
        String token = mail.find(TOKEN);

        Api.Response common = anonymous.post("auth/password/reset", Api.object().put("token", token).put("password", "password123"));
        Api.Response reset = anonymous.post("auth/password/reset", Api.object().put("token", token).put("password", NEW_PASSWORD));
        Api.Response reused = anonymous.post("auth/password/reset", Api.object().put("token", token).put("password", "yet another passphrase"));

        assertThat(common.status()).as("a refused password leaves the link usable").isEqualTo(400);
        assertThat(common.json().at("/errors/0/pointer").asString()).isEqualTo("/password");
        assertThat(reset.status()).as(reset.toString()).isEqualTo(204);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().at("/errors/0/pointer").asString()).isEqualTo("/token");
        assertThat(anonymous.post("auth/refresh", Api.object().put("refreshToken", tenant.refreshToken())).status())
                .as("the session from before the reset").isEqualTo(401);
        assertThat(login(tenant.ownerEmail(), TestTenant.PASSWORD).status()).isEqualTo(401);
        Api.Response relogin = login(tenant.ownerEmail(), NEW_PASSWORD);
        assertThat(relogin.status()).isEqualTo(200);
        Api afterReset = anonymous.withToken(relogin.json().get("accessToken").asString());
        assertThat(tenant.api().get("me").status()).as("access tokens of the ended sessions stop working too").isEqualTo(401);
        assertThat(audit(afterReset, "auth.password_reset_requested")).hasSize(1);
        assertThat(audit(afterReset, "auth.password_reset")).hasSize(1);
    }

    @Test
    void anExpiredResetLinkIsRefused() {
        TestTenant tenant = newTenant();
        anonymous.post("auth/password/forgot", Api.object().put("email", tenant.ownerEmail()));
        String token = awaitReset(tenant.ownerEmail()).find(TOKEN);
        tenants.inTenant(tenant.id(), () -> jdbc.sql("""
                update user_tokens set expires_at = now() - interval '1 second' where user_id = ? and purpose = 'password_reset'""")
                .param(tenant.ownerId()).update());

        Api.Response reset = anonymous.post("auth/password/reset", Api.object().put("token", token).put("password", NEW_PASSWORD));

        assertThat(reset.status()).isEqualTo(400);
        assertThat(login(tenant.ownerEmail(), TestTenant.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aNewerResetLinkReplacesTheOlderOne() {
        TestTenant tenant = newTenant();
        anonymous.post("auth/password/forgot", Api.object().put("email", tenant.ownerEmail()));
        String first = awaitReset(tenant.ownerEmail()).find(TOKEN);
        anonymous.post("auth/password/forgot", Api.object().put("email", tenant.ownerEmail()));
        String second = awaitNthReset(tenant.ownerEmail(), 2).find(TOKEN);

        assertThat(anonymous.post("auth/password/reset", Api.object().put("token", first).put("password", NEW_PASSWORD)).status())
                .isEqualTo(400);
        assertThat(anonymous.post("auth/password/reset", Api.object().put("token", second).put("password", NEW_PASSWORD)).status())
                .isEqualTo(204);
    }

    @Test
    void forgotForAnUnknownEmailAnswersTheSameAndMailsNothing() {
        TestTenant tenant = newTenant();
        String unknown = "nobody-" + UUID.randomUUID() + "@example.test";

        Api.Response forUnknown = anonymous.post("auth/password/forgot", Api.object().put("email", unknown));
        Api.Response forKnown = anonymous.post("auth/password/forgot", Api.object().put("email", tenant.ownerEmail()));
        // Requests are handled in order on one worker: once the second one's mail is in, the first is done.
        awaitReset(tenant.ownerEmail());

        assertThat(forUnknown.status()).isEqualTo(202);
        assertThat(forKnown.status()).isEqualTo(202);
        assertThat(forUnknown.text()).isEqualTo(forKnown.text());
        assertThat(INBOX.messagesTo(unknown)).isEmpty();
        Api.Response noEmail = anonymous.post("auth/password/forgot", Api.object());
        assertThat(noEmail.status()).isEqualTo(400);
    }

    @Test
    void forgotWithATenantMailsOnlyThatTenantsAccount() {
        String email = "several-" + UUID.randomUUID() + "@example.test";
        String firstSlug = anonymous.post("auth/register", Api.object().put("tenantName", "First").put("email", email)
                .put("password", TestTenant.PASSWORD).put("name", "A")).json().at("/tenant/slug").asString();
        String secondSlug = anonymous.post("auth/register", Api.object().put("tenantName", "Second").put("email", email)
                .put("password", TestTenant.PASSWORD).put("name", "A")).json().at("/tenant/slug").asString();
        TestTenant barrier = newTenant();

        anonymous.post("auth/password/forgot", Api.object().put("email", email).put("tenant", secondSlug));
        anonymous.post("auth/password/forgot", Api.object().put("email", barrier.ownerEmail()));
        awaitReset(barrier.ownerEmail());

        assertThat(INBOX.messagesTo(email)).filteredOn(mail -> mail.subject().contains("Reset")).singleElement()
                .satisfies(mail -> assertThat(mail.text()).contains(secondSlug).doesNotContain("\"" + firstSlug + "\""));
    }

    @Test
    void resetMailsToOneAccountAreCappedPerHour() {
        TestTenant tenant = newTenant();
        TestTenant barrier = newTenant();

        for (int i = 0; i < 6; i++) {
            assertThat(anonymous.post("auth/password/forgot", Api.object().put("email", tenant.ownerEmail())).status()).isEqualTo(202);
        }
        anonymous.post("auth/password/forgot", Api.object().put("email", barrier.ownerEmail()));
        awaitReset(barrier.ownerEmail());

        assertThat(INBOX.messagesTo(tenant.ownerEmail())).filteredOn(mail -> mail.subject().contains("Reset")).hasSize(5);
        assertThat(audit(tenant, "auth.password_reset_throttled")).hasSize(1);
    }

    @Test
    void aResetDoesNotBypassMfa() {
        TestTenant tenant = newTenant();
        Authenticator.enable(tenant.api());
        anonymous.post("auth/password/forgot", Api.object().put("email", tenant.ownerEmail()));
        String token = awaitReset(tenant.ownerEmail()).find(TOKEN);

        assertThat(anonymous.post("auth/password/reset", Api.object().put("token", token).put("password", NEW_PASSWORD)).status())
                .isEqualTo(204);
        Api.Response login = login(tenant.ownerEmail(), NEW_PASSWORD);

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("mfaRequired").asBoolean()).isTrue();
        assertThat(login.json().has("accessToken")).isFalse();
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsTheOtherSessions() {
        TestTenant tenant = newTenant();
        JsonNode second = login(tenant.ownerEmail(), TestTenant.PASSWORD).json();
        Api caller = anonymous.withToken(second.get("accessToken").asString());

        Api.Response wrong = caller.post("auth/password/change", Api.object().put("currentPassword", "not the password!")
                .put("newPassword", NEW_PASSWORD));
        Api.Response common = caller.post("auth/password/change", Api.object().put("currentPassword", TestTenant.PASSWORD)
                .put("newPassword", "iloveyou2"));
        Api.Response stillValid = anonymous.post("auth/refresh", Api.object().put("refreshToken", tenant.refreshToken()));
        assertThat(stillValid.status()).as("failed changes end nothing").isEqualTo(200);
        String otherSession = stillValid.json().get("refreshToken").asString();
        Api.Response changed = caller.post("auth/password/change", Api.object().put("currentPassword", TestTenant.PASSWORD)
                .put("newPassword", NEW_PASSWORD));

        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().at("/errors/0/pointer").asString()).isEqualTo("/currentPassword");
        assertThat(common.status()).isEqualTo(400);
        assertThat(common.json().at("/errors/0/pointer").asString()).isEqualTo("/newPassword");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        assertThat(login(tenant.ownerEmail(), TestTenant.PASSWORD).status()).isEqualTo(401);
        assertThat(login(tenant.ownerEmail(), NEW_PASSWORD).status()).isEqualTo(200);
        assertThat(tenant.api().get("me").status()).as("the registration session ended, with its access token").isEqualTo(401);
        assertThat(audit(caller, "auth.password_change_failed")).hasSize(1);
        assertThat(audit(caller, "auth.password_changed")).hasSize(1);
        Api.Response callerRefresh = anonymous.post("auth/refresh", Api.object().put("refreshToken", second.get("refreshToken").asString()));
        assertThat(claims(caller.token()).has("sid")).isTrue();
        assertThat(callerRefresh.status()).as("the caller's own session stays").isEqualTo(200);
        Api.Response otherRefresh = anonymous.post("auth/refresh", Api.object().put("refreshToken", otherSession));
        assertThat(otherRefresh.status()).as("the other session ended").isEqualTo(401);
    }

    private Api.Response register(String password) {
        return anonymous.post("auth/register", Api.object().put("tenantName", "Pw").put("email", "pw-" + UUID.randomUUID() + "@example.test")
                .put("password", password).put("name", "A"));
    }

    private Api.Response login(String email, String password) {
        return anonymous.post("auth/login", Api.object().put("email", email).put("password", password));
    }

    private static Inbox.Mail awaitReset(String email) {
        return awaitNthReset(email, 1);
    }

    /** The n-th reset mail to an address (the verification mail of the registration is skipped). */
    private static Inbox.Mail awaitNthReset(String email, int n) {
        for (int i = 1; ; i++) {
            Inbox.Mail mail = INBOX.await(email, i);
            if (mail.subject().contains("Reset") && --n == 0) {
                return mail;
            }
        }
    }

    private static JsonNode claims(String jwt) {
        return Api.parse(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private java.util.List<JsonNode> audit(TestTenant tenant, String action) {
        return audit(tenant.api(), action);
    }

    private java.util.List<JsonNode> audit(Api api, String action) {
        java.util.List<JsonNode> entries = new java.util.ArrayList<>();
        api.get("audit-logs?action=" + action).json().get("items").forEach(entries::add);
        return entries;
    }
}
