package io.castiel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.Inbox;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

class EmailVerificationTests extends CastielTest {

    private static final String TOKEN = "token=([A-Za-z0-9_-]+)";

    @Test
    void registrationMailsALinkThatVerifiesTheAddressOnce() {
        TestTenant tenant = newTenant();
        assertThat(verified(tenant)).isFalse();

        Inbox.Mail mail = INBOX.await(tenant.ownerEmail());
        assertThat(mail.subject()).contains("Verify");
        assertThat(mail.text()).contains("/verify-email?token=ev_");
        String token = mail.find(TOKEN);
        Api.Response first = anonymous.post("auth/verify-email", Api.object().put("token", token));
        Api.Response again = anonymous.post("auth/verify-email", Api.object().put("token", token));

        assertThat(first.status()).as(first.toString()).isEqualTo(204);
        assertThat(verified(tenant)).isTrue();
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().at("/errors/0/pointer").asString()).isEqualTo("/token");
        assertThat(audit(tenant, "user.email_verified")).hasSize(1);
    }

    @Test
    void malformedOrUnknownTokensAreBadRequests() {
        assertThat(anonymous.post("auth/verify-email", Api.object()).status()).isEqualTo(400);
        assertThat(anonymous.post("auth/verify-email", Api.object().put("token", "ev_unknown")).status()).isEqualTo(400);
        assertThat(anonymous.post("auth/verify-email", Api.object().put("token", "x".repeat(500))).status()).isEqualTo(400);
    }

    @Test
    void anExpiredVerificationLinkIsRefused() {
        TestTenant tenant = newTenant();
        String token = INBOX.await(tenant.ownerEmail()).find(TOKEN);
        tenants.inTenant(tenant.id(), () -> jdbc.sql("update user_tokens set expires_at = now() - interval '1 second' where user_id = ?")
                .param(tenant.ownerId()).update());

        assertThat(anonymous.post("auth/verify-email", Api.object().put("token", token)).status()).isEqualTo(400);
        assertThat(verified(tenant)).isFalse();
    }

    @Test
    void aLinkOnlyVerifiesTheAddressItWasSentTo() {
        TestTenant tenant = newTenant();
        String token = INBOX.await(tenant.ownerEmail()).find(TOKEN);
        tenants.inTenant(tenant.id(), () -> jdbc.sql("update users set email = ? where id = ?")
                .params("changed-" + tenant.ownerEmail(), tenant.ownerId()).update());

        assertThat(anonymous.post("auth/verify-email", Api.object().put("token", token)).status()).isEqualTo(400);
        assertThat(verified(tenant)).isFalse();
    }

    @Test
    void unverifiedUsersSignInWhenTheTenantDoesNotRequireVerification() {
        TestTenant tenant = newTenant();

        Api.Response login = login(tenant.ownerEmail(), TestTenant.PASSWORD);

        assertThat(verified(tenant)).isFalse();
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().has("accessToken")).isTrue();
    }

    @Test
    void aTenantRequiringVerificationRefusesUnverifiedUsersOnlyAfterTheirPassword() {
        TestTenant tenant = newTenant();
        assertThat(tenant.api().patch("tenant", Api.object().set("settings", Api.object().put("emailVerificationRequired", true)))
                .status()).isEqualTo(200);

        Api.Response wrongPassword = login(tenant.ownerEmail(), "not the password!");
        Api.Response unverified = login(tenant.ownerEmail(), TestTenant.PASSWORD);

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unverified.status()).isEqualTo(403);
        assertThat(unverified.contentType()).startsWith("application/problem+json");
        assertThat(unverified.json().get("title").asString()).isEqualTo("Email not verified");
        assertThat(audit(tenant, "auth.login_refused")).singleElement()
                .satisfies(entry -> assertThat(entry.at("/changes/reason").asString()).isEqualTo("email_not_verified"));

        String token = INBOX.await(tenant.ownerEmail()).find(TOKEN);
        assertThat(anonymous.post("auth/verify-email", Api.object().put("token", token)).status()).isEqualTo(204);
        Api.Response verified = login(tenant.ownerEmail(), TestTenant.PASSWORD);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().has("accessToken")).isTrue();
    }

    @Test
    void aRefusedLoginMailsAFreshLinkWhenTheLastOneIsOld() {
        TestTenant tenant = newTenant();
        tenant.api().patch("tenant", Api.object().set("settings", Api.object().put("emailVerificationRequired", true)));
        INBOX.await(tenant.ownerEmail());
        tenants.inTenant(tenant.id(), () -> jdbc.sql("""
                update user_tokens set created_at = now() - interval '1 hour', expires_at = now() - interval '1 second'
                where user_id = ?""").param(tenant.ownerId()).update());

        assertThat(login(tenant.ownerEmail(), TestTenant.PASSWORD).status()).isEqualTo(403);
        String fresh = INBOX.await(tenant.ownerEmail(), 2).find(TOKEN);

        assertThat(anonymous.post("auth/verify-email", Api.object().put("token", fresh)).status()).isEqualTo(204);
        assertThat(login(tenant.ownerEmail(), TestTenant.PASSWORD).status()).isEqualTo(200);
    }

    private boolean verified(TestTenant tenant) {
        return tenants.inTenant(tenant.id(), () -> jdbc.sql("select email_verified_at is not null from users where id = ?")
                .param(tenant.ownerId()).query(Boolean.class).single());
    }

    private Api.Response login(String email, String password) {
        return anonymous.post("auth/login", Api.object().put("email", email).put("password", password));
    }

    private List<JsonNode> audit(TestTenant tenant, String action) {
        List<JsonNode> entries = new java.util.ArrayList<>();
        tenant.api().get("audit-logs?action=" + action).json().get("items").forEach(entries::add);
        return entries;
    }
}
