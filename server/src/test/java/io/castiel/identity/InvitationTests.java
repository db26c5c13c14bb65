package io.castiel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.Inbox;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class InvitationTests extends CastielTest {

    private static final String TOKEN = "token=([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)";
    private static final String NEW_PASSWORD = "a brand new passphrase";

    @Test
    void inATenantThatRequiresMfaAcceptingAnswersAnEnrolmentChallengeNotTokens() {
        TestTenant tenant = newTenant();
        tenant.api().patch("tenant", Api.object().set("settings", Api.object().put("mfaRequired", true)));
        String email = email();
        tenant.api().post("users", invite(email, "member"));

        Api.Response accepted = anonymous.post("auth/invitations/accept",
                Api.object().put("token", INBOX.await(email).find(TOKEN)).put("password", NEW_PASSWORD));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().get("mfaSetupRequired").asBoolean()).isTrue();
        assertThat(accepted.json().has("accessToken")).isFalse();
        assertThat(anonymous.post("auth/mfa/totp/setup", Api.object().put("mfaToken", accepted.json().get("mfaToken").asString())).status())
                .isEqualTo(200);
    }

    @Test
    void anInvitedUserAcceptsByMailAndCanThenLogIn() {
        TestTenant tenant = newTenant("Invite Corp");
        String email = email();

        Api.Response invited = tenant.api().post("users", invite(email, "member"));

        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        assertThat(invited.json().get("status").asString()).isEqualTo("invited");
        assertThat(invited.json().at("/roles/0").asString()).isEqualTo("member");
        assertThat(invited.header("Location")).endsWith("/api/v1/users/" + invited.json().get("id").asString());
        Inbox.Mail mail = INBOX.await(email);
        assertThat(mail.subject()).contains("Invite Corp");
        assertThat(mail.text()).contains("http://localhost:8080/accept-invitation?token=");

        Api.Response accepted = anonymous.post("auth/invitations/accept",
                Api.object().put("token", mail.find(TOKEN)).put("password", NEW_PASSWORD).put("name", "Ada Lovelace"));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(accepted.json().get("refreshToken").asString()).startsWith("rt_");
        JsonNode me = anonymous.withToken(accepted.json().get("accessToken").asString()).get("me").json();
        assertThat(me.at("/user/email").asString()).isEqualTo(email);
        assertThat(me.at("/user/name").asString()).isEqualTo("Ada Lovelace");
        assertThat(me.at("/user/roles/0").asString()).isEqualTo("member");
        assertThat(me.at("/tenant/id").asString()).isEqualTo(tenant.id().toString());
        Api.Response login = anonymous.post("auth/login", Api.object().put("email", email).put("password", NEW_PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        assertThat(tenant.api().get("users/" + invited.json().get("id").asString()).json().get("status").asString()).isEqualTo("active");
    }

    @Test
    void invitationAndAcceptanceAreAudited() {
        TestTenant tenant = newTenant();
        String email = email();
        String userId = tenant.api().post("users", invite(email, "viewer")).json().get("id").asString();
        accept(INBOX.await(email).find(TOKEN)).status();

        JsonNode invitedRows = tenant.api().get("audit-logs?action=user.invited").json().get("items");
        JsonNode createdRows = tenant.api().get("audit-logs?action=user.created&resourceId=" + userId).json().get("items");

        assertThat(invitedRows).hasSize(1);
        assertThat(invitedRows.at("/0/resourceId").asString()).isEqualTo(userId);
        assertThat(invitedRows.at("/0/actorId").asString()).isEqualTo(tenant.ownerId().toString());
        assertThat(invitedRows.at("/0/changes/email").asString()).isEqualTo(email);
        assertThat(createdRows).hasSize(1);
        assertThat(createdRows.at("/0/actorId").asString()).isEqualTo(userId);
    }

    @Test
    void anInvitedUserCannotLogInBeforeAccepting() {
        TestTenant tenant = newTenant();
        String email = email();
        tenant.api().post("users", invite(email, "member"));

        Api.Response login = anonymous.post("auth/login", Api.object().put("email", email).put("password", TestTenant.PASSWORD));

        assertThat(login.status()).isEqualTo(401);
    }

    @Test
    void anInvitationWorksOnlyOnce() {
        TestTenant tenant = newTenant();
        String email = email();
        tenant.api().post("users", invite(email, "member"));
        String token = INBOX.await(email).find(TOKEN);

        Api.Response first = accept(token);
        Api.Response second = anonymous.post("auth/invitations/accept",
                Api.object().put("token", token).put("password", "an attacker's passphrase"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(second.json().at("/errors/0/pointer").asString()).isEqualTo("/token");
        assertThat(anonymous.post("auth/login", Api.object().put("email", email).put("password", "an attacker's passphrase")).status())
                .isEqualTo(401);
        JsonNode refused = tenant.api().get("audit-logs?action=user.invitation_refused").json().get("items");
        assertThat(refused).hasSize(1);
        assertThat(refused.at("/0/changes/reason").asString()).isEqualTo("spent");
    }

    @Test
    void anExpiredInvitationIsRefused() {
        TestTenant tenant = newTenant();
        String email = email();
        UUID userId = UUID.fromString(tenant.api().post("users", invite(email, "member")).json().get("id").asString());
        String token = INBOX.await(email).find(TOKEN);
        tenants.inTenant(tenant.id(), () -> jdbc.sql("update invitations set expires_at = now() - interval '1 second' where user_id = ?")
                .param(userId).update());

        Api.Response accepted = accept(token);

        assertThat(accepted.status()).isEqualTo(400);
        assertThat(tenant.api().get("users/" + userId).json().get("status").asString()).isEqualTo("invited");
        assertThat(tenant.api().get("audit-logs?action=user.invitation_refused").json().at("/items/0/changes/reason").asString())
                .isEqualTo("expired");
    }

    @Test
    void invitationsExpireAfterSevenDaysByDefault() {
        TestTenant tenant = newTenant();
        UUID userId = UUID.fromString(tenant.api().post("users", invite(email(), "member")).json().get("id").asString());

        Long seconds = tenants.inTenant(tenant.id(), () -> jdbc.sql(
                "select extract(epoch from expires_at - created_at)::bigint from invitations where user_id = ?").param(userId)
                .query(Long.class).single());

        assertThat(seconds).isBetween(7 * 86_400L - 60, 7 * 86_400L + 60);
    }

    @Test
    void onlyTheHashOfTheTokenIsStored() {
        TestTenant tenant = newTenant();
        String email = email();
        UUID userId = UUID.fromString(tenant.api().post("users", invite(email, "member")).json().get("id").asString());
        String token = INBOX.await(email).find(TOKEN);

        byte[] stored = tenants.inTenant(tenant.id(), () -> jdbc.sql("select token_hash from invitations where user_id = ?")
                .param(userId).query(byte[].class).single());

        assertThat(stored).hasSize(32).isNotEqualTo(token.getBytes());
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(token);
    }

    @Test
    void forgedTamperedOrMissingTokensAreRefused() {
        TestTenant tenant = newTenant();
        String email = email();
        tenant.api().post("users", invite(email, "member"));
        String token = INBOX.await(email).find(TOKEN);
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        String forged = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA." + token.substring(token.indexOf('.') + 1);

        assertThat(accept(tampered).status()).isEqualTo(400);
        assertThat(accept(forged).status()).isEqualTo(400);
        assertThat(accept("not a token").status()).isEqualTo(400);
        assertThat(anonymous.post("auth/invitations/accept", Api.object().put("password", NEW_PASSWORD)).status()).isEqualTo(400);
        assertThat(accept(token).status()).as("the real token still works").isEqualTo(200);
    }

    @Test
    void aWeakPasswordDoesNotSpendTheInvitation() {
        TestTenant tenant = newTenant();
        String email = email();
        tenant.api().post("users", invite(email, "member"));
        String token = INBOX.await(email).find(TOKEN);

        Api.Response weak = anonymous.post("auth/invitations/accept", Api.object().put("token", token).put("password", "short"));

        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().at("/errors/0/pointer").asString()).isEqualTo("/password");
        assertThat(accept(token).status()).isEqualTo(200);
    }

    @Test
    void resendingAnInvitationReplacesTheEarlierLink() {
        TestTenant tenant = newTenant();
        String email = email();
        String userId = tenant.api().post("users", invite(email, "member")).json().get("id").asString();
        String first = INBOX.await(email, 1).find(TOKEN);

        Api.Response resent = tenant.api().post("users/" + userId + "/invitation", null);

        assertThat(resent.status()).isEqualTo(202);
        String second = INBOX.await(email, 2).find(TOKEN);
        assertThat(second).isNotEqualTo(first);
        assertThat(accept(first).status()).isEqualTo(400);
        assertThat(accept(second).status()).isEqualTo(200);
        assertThat(tenant.api().post("users/" + userId + "/invitation", null).status()).as("already accepted").isEqualTo(409);
    }

    @Test
    void reinvitingAnEmailOfTheTenantConflicts() {
        TestTenant tenant = newTenant();
        String email = email();
        tenant.api().post("users", invite(email, "member"));

        Api.Response again = tenant.api().post("users", invite(email.toUpperCase(), "viewer"));
        Api.Response owner = tenant.api().post("users", invite(tenant.ownerEmail(), "viewer"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(owner.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aRepeatedInviteWithTheSameIdempotencyKeyReplaysTheFirstAnswer() {
        TestTenant tenant = newTenant();
        String email = email();
        Api keyed = tenant.api().withHeader("Idempotency-Key", "invite-" + UUID.randomUUID());

        Api.Response first = keyed.post("users", invite(email, "member"));
        Api.Response replay = keyed.post("users", invite(email, "member"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(INBOX.await(email).subject()).startsWith("You are invited");
        assertThat(INBOX.messagesTo(email)).hasSize(1);
    }

    @Test
    void aTenantNameWithALineBreakStillMakesAOneLineSubject() {
        TestTenant tenant = newTenant("Line\nBreak Corp");
        String email = email();

        assertThat(tenant.api().post("users", invite(email, "member")).status()).isEqualTo(201);

        assertThat(INBOX.await(email).subject()).isEqualTo("You are invited to Line Break Corp on Castiel");
    }

    @Test
    void theSameEmailMayBeInvitedByAnotherTenant() {
        TestTenant first = newTenant();
        TestTenant second = newTenant();
        String email = email();

        assertThat(first.api().post("users", invite(email, "member")).status()).isEqualTo(201);
        assertThat(second.api().post("users", invite(email, "member")).status()).isEqualTo(201);
    }

    @Test
    void acceptingAnInvitationNeedsNoAccessToken() {
        TestTenant tenant = newTenant();
        String email = email();
        tenant.api().post("users", invite(email, "member"));

        Api.Response accepted = anonymous.withToken(null).post("auth/invitations/accept",
                Api.object().put("token", INBOX.await(email).find(TOKEN)).put("password", NEW_PASSWORD));

        assertThat(accepted.status()).isEqualTo(200);
    }

    private Api.Response accept(String token) {
        return anonymous.post("auth/invitations/accept", Api.object().put("token", token).put("password", NEW_PASSWORD));
    }

    static ObjectNode invite(String email, String role) {
        ObjectNode body = Api.object().put("email", email).put("name", "Invitee");
        body.putArray("roles").add(role);
        return body;
    }

    static String email() {
        return "invitee-" + UUID.randomUUID() + "@example.test";
    }
}
