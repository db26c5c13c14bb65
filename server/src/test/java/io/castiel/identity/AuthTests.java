package io.castiel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

class AuthTests extends CastielTest {

    @Test
    void registerCreatesTenantAndOwnerWithTokens() {
        Api.Response response = anonymous.post("auth/register", Api.object().put("tenantName", "Initech Ltd")
                .put("email", "Peter@Initech.test").put("password", TestTenant.PASSWORD).put("name", "Peter"));

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(body.at("/tenant/slug").asString()).startsWith("initech-ltd");
        assertThat(body.at("/tenant/name").asString()).isEqualTo("Initech Ltd");
        assertThat(body.at("/user/email").asString()).isEqualTo("peter@initech.test");
        assertThat(body.at("/user/roles/0").asString()).isEqualTo("owner");
        assertThat(body.get("accessToken").asString()).contains(".");
        assertThat(body.get("refreshToken").asString()).startsWith("rt_");
        assertThat(body.get("expiresIn").asInt()).isEqualTo(900);
    }

    @Test
    void meDescribesTheUserAndTenant() {
        TestTenant tenant = newTenant("Me Corp");

        JsonNode me = tenant.api().get("me").json();

        assertThat(me.at("/user/id").asString()).isEqualTo(tenant.ownerId().toString());
        assertThat(me.at("/user/roles/0").asString()).isEqualTo("owner");
        assertThat(me.at("/user/mfaEnabled").asBoolean()).isFalse();
        assertThat(me.at("/tenant/id").asString()).isEqualTo(tenant.id().toString());
        assertThat(me.at("/tenant/slug").asString()).isEqualTo(tenant.slug());
    }

    @Test
    void loginReturnsABearerTokenPair() {
        TestTenant tenant = newTenant();

        Api.Response login = anonymous.post("auth/login", Api.object().put("email", tenant.ownerEmail()).put("password", TestTenant.PASSWORD));

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(anonymous.withToken(login.json().get("accessToken").asString()).get("me").status()).isEqualTo(200);
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswer() {
        TestTenant tenant = newTenant();

        Api.Response wrongPassword = anonymous.post("auth/login", Api.object().put("email", tenant.ownerEmail()).put("password", "not the password!"));
        Api.Response unknownEmail = anonymous.post("auth/login", Api.object().put("email", "nobody@nowhere.test").put("password", "not the password!"));

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(wrongPassword.json().get("detail")).isEqualTo(unknownEmail.json().get("detail"));
        assertThat(wrongPassword.contentType()).startsWith("application/problem+json");
    }

    @Test
    void failedLoginIsAudited() {
        TestTenant tenant = newTenant();
        anonymous.post("auth/login", Api.object().put("email", tenant.ownerEmail()).put("password", "not the password!"));

        JsonNode page = tenant.api().get("audit-logs?action=auth.login_failed").json();

        assertThat(page.get("items")).hasSize(1);
        assertThat(page.at("/items/0/resourceId").asString()).isEqualTo(tenant.ownerId().toString());
    }

    @Test
    void emailInSeveralTenantsNeedsTheTenantSlug() {
        String email = "shared-" + System.nanoTime() + "@example.test";
        Api.Response first = anonymous.post("auth/register", Api.object().put("tenantName", "First").put("email", email)
                .put("password", TestTenant.PASSWORD).put("name", "A"));
        Api.Response second = anonymous.post("auth/register", Api.object().put("tenantName", "Second").put("email", email)
                .put("password", TestTenant.PASSWORD).put("name", "A"));
        String secondSlug = second.json().at("/tenant/slug").asString();

        Api.Response ambiguous = anonymous.post("auth/login", Api.object().put("email", email).put("password", TestTenant.PASSWORD));
        Api.Response chosen = anonymous.post("auth/login", Api.object().put("email", email).put("password", TestTenant.PASSWORD)
                .put("tenant", secondSlug));

        assertThat(first.status()).isEqualTo(201);
        assertThat(ambiguous.status()).isEqualTo(409);
        assertThat(chosen.status()).isEqualTo(200);
        JsonNode me = anonymous.withToken(chosen.json().get("accessToken").asString()).get("me").json();
        assertThat(me.at("/tenant/slug").asString()).isEqualTo(secondSlug);
    }

    @Test
    void refreshRotatesAndASpentTokenRevokesTheFamily() {
        TestTenant tenant = newTenant();

        Api.Response rotated = anonymous.post("auth/refresh", Api.object().put("refreshToken", tenant.refreshToken()));
        assertThat(rotated.status()).isEqualTo(200);
        String next = rotated.json().get("refreshToken").asString();
        assertThat(next).isNotEqualTo(tenant.refreshToken());

        Api.Response replay = anonymous.post("auth/refresh", Api.object().put("refreshToken", tenant.refreshToken()));
        assertThat(replay.status()).isEqualTo(401);

        Api.Response afterReplay = anonymous.post("auth/refresh", Api.object().put("refreshToken", next));
        assertThat(afterReplay.status()).as("the family is revoked after reuse").isEqualTo(401);
    }

    @Test
    void logoutRevokesTheSession() {
        TestTenant tenant = newTenant();

        Api.Response logout = anonymous.post("auth/logout", Api.object().put("refreshToken", tenant.refreshToken()));
        Api.Response refresh = anonymous.post("auth/refresh", Api.object().put("refreshToken", tenant.refreshToken()));

        assertThat(logout.status()).isEqualTo(204);
        assertThat(refresh.status()).isEqualTo(401);
    }

    @Test
    void weakPasswordsAndBadEmailsAreRejected() {
        Api.Response shortPassword = anonymous.post("auth/register", Api.object().put("tenantName", "X").put("email", "a@b.test")
                .put("password", "short").put("name", "A"));
        Api.Response badEmail = anonymous.post("auth/register", Api.object().put("tenantName", "X").put("email", "not-an-email")
                .put("password", TestTenant.PASSWORD).put("name", "A"));

        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.json().at("/errors/0/pointer").asString()).isEqualTo("/password");
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.json().at("/errors/0/pointer").asString()).isEqualTo("/email");
    }

    @Test
    void tamperedExpiredOrForeignTokensAreRejected() {
        TestTenant tenant = newTenant();
        String token = tenant.api().token();
        String[] parts = token.split("\\.");
        String noneToken = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + parts[1] + ".";
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

        assertThat(anonymous.withToken(noneToken).get("me").status()).isEqualTo(401);
        assertThat(anonymous.withToken(tampered).get("me").status()).isEqualTo(401);
        assertThat(anonymous.withToken("garbage").get("me").status()).isEqualTo(401);
        assertThat(anonymous.get("me").status()).isEqualTo(401);
    }

    @Test
    void viewersReadButCannotWrite() {
        TestTenant tenant = newTenant();
        JsonNode account = tenant.account("Readable");
        TestTenant.Member viewer = addUser(tenant, "viewer");

        assertThat(viewer.api().get("shards/" + account.get("id").asString()).status()).isEqualTo(200);
        Api.Response write = viewer.api().post("shards", Api.object().put("shardType", "c_account")
                .set("structuredData", Api.object().put("name", "Nope")));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.contentType()).startsWith("application/problem+json");
    }
}
