package io.castiel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.castiel.identity.internal.Totp;
import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

class MfaTests extends CastielTest {

    @Test
    void setupGivesASecretAndOtpauthUriButMfaStaysOffUntilEnabled() {
        TestTenant tenant = newTenant();

        Api.Response setup = tenant.api().post("auth/mfa/totp/setup", null);

        assertThat(setup.status()).as(setup.toString()).isEqualTo(200);
        String secret = setup.json().get("secret").asString();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(setup.json().get("otpauthUri").asString())
                .startsWith("otpauth://totp/Castiel%3A" + tenant.ownerEmail().replace("@", "%40"))
                .contains("secret=" + secret, "issuer=Castiel", "digits=6", "period=30", "algorithm=SHA1");
        assertThat(tenant.api().get("me").json().at("/user/mfaEnabled").asBoolean()).isFalse();
        assertThat(login(tenant.ownerEmail()).json().has("accessToken")).as("no MFA before enable").isTrue();
        byte[] stored = tenants.inTenant(tenant.id(), () -> jdbc.sql("select secret from user_totp where user_id = ?")
                .param(tenant.ownerId()).query(byte[].class).single());
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("the secret is stored encrypted").doesNotContain(new String(Totp.fromBase32(secret), java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void enableReturnsTenRecoveryCodesOnceAndTurnsMfaOn() {
        TestTenant tenant = newTenant();

        Authenticator authenticator = Authenticator.enable(tenant.api());

        assertThat(authenticator.recoveryCodes()).hasSize(10);
        assertThat(new HashSet<>(authenticator.recoveryCodes())).hasSize(10);
        assertThat(authenticator.recoveryCodes()).allMatch(code -> code.matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"));
        assertThat(tenant.api().get("me").json().at("/user/mfaEnabled").asBoolean()).isTrue();
        List<byte[]> hashes = tenants.inTenant(tenant.id(), () -> jdbc.sql("select code_hash from mfa_recovery_codes where user_id = ?")
                .param(tenant.ownerId()).query(byte[].class).list());
        assertThat(hashes).hasSize(10).allMatch(hash -> hash.length == 32);
        assertThat(audit(tenant, "mfa.totp_enabled")).hasSize(1);
        Api.Response again = tenant.api().post("auth/mfa/totp/setup", null);
        assertThat(again.status()).as("a second setup while enabled").isEqualTo(409);
    }

    @Test
    void enableWithAWrongCodeIsRefusedAndMfaStaysOff() {
        TestTenant tenant = newTenant();
        tenant.api().post("auth/mfa/totp/setup", null);

        Api.Response wrong = tenant.api().post("auth/mfa/totp/enable", Api.object().put("code", "12345"));
        Api.Response notDigits = tenant.api().post("auth/mfa/totp/enable", Api.object().put("code", "abcdef"));

        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().at("/errors/0/pointer").asString()).isEqualTo("/code");
        assertThat(notDigits.status()).isEqualTo(400);
        assertThat(tenant.api().get("me").json().at("/user/mfaEnabled").asBoolean()).isFalse();
    }

    @Test
    void loginWithMfaAnswersAChallengeThatVerifyTurnsIntoATokenPair() {
        TestTenant tenant = newTenant();
        Authenticator authenticator = Authenticator.enable(tenant.api());

        Api.Response login = login(tenant.ownerEmail());

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("mfaRequired").asBoolean()).isTrue();
        assertThat(login.json().has("accessToken")).isFalse();
        assertThat(login.json().has("mfaSetupRequired")).isFalse();
        Api.Response verified = anonymous.post("auth/mfa/verify", Api.object().put("mfaToken", mfaToken(login))
                .put("code", authenticator.nextCode()));
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(verified.json().get("refreshToken").asString()).startsWith("rt_");
        assertThat(anonymous.withToken(verified.json().get("accessToken").asString()).get("me").json().at("/user/mfaEnabled").asBoolean())
                .isTrue();
        assertThat(audit(tenant, "auth.mfa_challenged")).hasSize(1);
        assertThat(audit(tenant, "auth.login")).anyMatch(entry -> entry.at("/changes/mfa").asString().equals("totp"));
    }

    @Test
    void aTotpCodeIsAcceptedOnlyOnce() {
        TestTenant tenant = newTenant();
        Authenticator authenticator = Authenticator.enable(tenant.api());
        String token = mfaToken(login(tenant.ownerEmail()));

        Api.Response replayed = anonymous.post("auth/mfa/verify", Api.object().put("mfaToken", token).put("code", authenticator.firstCode()));
        String next = authenticator.nextCode();
        Api.Response fresh = anonymous.post("auth/mfa/verify", Api.object().put("mfaToken", token).put("code", next));
        Api.Response freshAgain = anonymous.post("auth/mfa/verify", Api.object().put("mfaToken", mfaToken(login(tenant.ownerEmail())))
                .put("code", next));

        assertThat(replayed.status()).as("the code that enabled MFA").isEqualTo(401);
        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
        assertThat(freshAgain.status()).as("the same code on another login").isEqualTo(401);
    }

    @Test
    void anMfaTokenWorksOnce() {
        TestTenant tenant = newTenant();
        Authenticator authenticator = Authenticator.enable(tenant.api());
        String token = mfaToken(login(tenant.ownerEmail()));

        Api.Response first = anonymous.post("auth/mfa/verify", Api.object().put("mfaToken", token).put("code", authenticator.nextCode()));
        Api.Response second = anonymous.post("auth/mfa/verify", Api.object().put("mfaToken", token)
                .put("code", authenticator.recoveryCodes().get(0)));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(401);
        assertThat(second.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anExpiredMfaTokenIsRefused() {
        TestTenant tenant = newTenant();
        Authenticator authenticator = Authenticator.enable(tenant.api());
        String token = mfaToken(login(tenant.ownerEmail()));
        tenants.inTenant(tenant.id(), () -> jdbc.sql("update mfa_challenges set expires_at = now() - interval '1 second' where user_id = ?")
                .param(tenant.ownerId()).update());

        Api.Response verified = anonymous.post("auth/mfa/verify", Api.object().put("mfaToken", token).put("code", authenticator.nextCode()));

        assertThat(verified.status()).isEqualTo(401);
    }

    @Test
    void anMfaTokenIsNeverAnAccessToken() {
        TestTenant tenant = newTenant();
        Authenticator.enable(tenant.api());
        String token = mfaToken(login(tenant.ownerEmail()));

        assertThat(anonymous.withToken(token).get("me").status()).isEqualTo(401);
        assertThat(anonymous.withToken(token).post("auth/mfa/totp/setup", null).status()).isEqualTo(401);
        assertThat(anonymous.withToken(token).get("shards").status()).isEqualTo(401);
    }

    @Test
    void unknownOrMissingMfaTokensAreUnauthorizedAndAMissingCodeIsABadRequest() {
        Api.Response unknown = anonymous.post("auth/mfa/verify", Api.object().put("mfaToken", "mfa_" + UUID.randomUUID()).put("code", "123456"));
        Api.Response missing = anonymous.post("auth/mfa/verify", Api.object().put("code", "123456"));
        Api.Response noCode = anonymous.post("auth/mfa/verify", Api.object().put("mfaToken", "mfa_x"));

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(noCode.status()).isEqualTo(400);
        assertThat(noCode.json().at("/errors/0/pointer").asString()).isEqualTo("/code");
    }

    @Test
    void fiveWrongCodesBurnTheMfaToken() {
        TestTenant tenant = newTenant();
        Authenticator authenticator = Authenticator.enable(tenant.api());
        String token = mfaToken(login(tenant.ownerEmail()));

        for (int i = 0; i < 5; i++) {
            Api.Response wrong = anonymous.post("auth/mfa/verify", Api.object().put("mfaToken", token).put("code", authenticator.wrongCode()));
            assertThat(wrong.status()).isEqualTo(401);
        }
        Api.Response right = anonymous.post("auth/mfa/verify", Api.object().put("mfaToken", token).put("code", authenticator.nextCode()));

        assertThat(right.status()).as("the token is burnt").isEqualTo(401);
        List<JsonNode> failures = audit(tenant, "auth.mfa_failed");
        assertThat(failures).hasSize(5);
        assertThat(failures).anyMatch(entry -> entry.at("/changes/tokenBurnt").asBoolean());
        Api.Response afterNewLogin = anonymous.post("auth/mfa/verify", Api.object().put("mfaToken", mfaToken(login(tenant.ownerEmail())))
                .put("code", authenticator.nextCode()));
        assertThat(afterNewLogin.status()).as("a new login may try again").isEqualTo(200);
    }

    @Test
    void tenWrongCodesInARowLockTheAccountsCodes() {
        TestTenant tenant = newTenant();
        Authenticator authenticator = Authenticator.enable(tenant.api());

        int lastStatus = 0;
        for (int login = 0; login < 2; login++) {
            String token = mfaToken(login(tenant.ownerEmail()));
            for (int i = 0; i < 5; i++) {
                lastStatus = anonymous.post("auth/mfa/verify", Api.object().put("mfaToken", token).put("code", authenticator.wrongCode())).status();
            }
        }
        Api.Response right = anonymous.post("auth/mfa/verify", Api.object().put("mfaToken", mfaToken(login(tenant.ownerEmail())))
                .put("code", authenticator.nextCode()));

        assertThat(lastStatus).isEqualTo(429);
        assertThat(right.status()).as("even a right code while locked").isEqualTo(429);
        assertThat(audit(tenant, "mfa.locked")).hasSize(1);
    }

    @Test
    void aRecoveryCodeSignsInOnce() {
        TestTenant tenant = newTenant();
        Authenticator authenticator = Authenticator.enable(tenant.api());
        String recovery = authenticator.recoveryCodes().get(3);

        Api.Response first = anonymous.post("auth/mfa/verify", Api.object().put("mfaToken", mfaToken(login(tenant.ownerEmail())))
                .put("code", recovery.toUpperCase()));
        Api.Response reused = anonymous.post("auth/mfa/verify", Api.object().put("mfaToken", mfaToken(login(tenant.ownerEmail())))
                .put("code", recovery));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(reused.status()).isEqualTo(401);
        assertThat(audit(tenant, "mfa.recovery_code_used")).singleElement()
                .satisfies(entry -> assertThat(entry.at("/changes/remaining").asInt()).isEqualTo(9));
    }

    @Test
    void disablingNeedsTheRightPasswordOrCode() {
        TestTenant tenant = newTenant();
        Authenticator authenticator = Authenticator.enable(tenant.api());

        Api.Response nothing = tenant.api().raw("DELETE", "auth/mfa/totp", null, null);
        Api.Response wrongPassword = tenant.api().raw("DELETE", "auth/mfa/totp", "{\"password\":\"not the password!\"}", "application/json");
        Api.Response wrongCode = tenant.api().raw("DELETE", "auth/mfa/totp", "{\"code\":\"" + authenticator.wrongCode() + "\"}",
                "application/json");
        assertThat(tenant.api().get("me").json().at("/user/mfaEnabled").asBoolean()).isTrue();
        Api.Response byCode = tenant.api().raw("DELETE", "auth/mfa/totp", "{\"code\":\"" + authenticator.nextCode() + "\"}", "application/json");

        assertThat(nothing.status()).isEqualTo(400);
        assertThat(wrongPassword.status()).isEqualTo(400);
        assertThat(wrongPassword.json().at("/errors/0/pointer").asString()).isEqualTo("/password");
        assertThat(wrongCode.status()).isEqualTo(400);
        assertThat(byCode.status()).as(byCode.toString()).isEqualTo(204);
        assertThat(tenant.api().get("me").json().at("/user/mfaEnabled").asBoolean()).isFalse();
        assertThat(login(tenant.ownerEmail()).json().has("accessToken")).isTrue();
        assertThat(audit(tenant, "mfa.totp_disable_failed")).hasSize(2);
        assertThat(audit(tenant, "mfa.totp_disabled")).hasSize(1);
        Authenticator again = Authenticator.enable(tenant.api());
        Api.Response byPassword = tenant.api().raw("DELETE", "auth/mfa/totp", "{\"password\":\"" + TestTenant.PASSWORD + "\"}",
                "application/json");
        assertThat(again.recoveryCodes()).hasSize(10);
        assertThat(byPassword.status()).isEqualTo(204);
        assertThat(tenants.inTenant(tenant.id(), () -> jdbc.sql("select count(*) from mfa_recovery_codes where user_id = ?")
                .param(tenant.ownerId()).query(Integer.class).single())).isZero();
    }

    @Test
    void aTenantThatRequiresMfaMakesUsersEnrolBeforeTheyGetTokens() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        assertThat(tenant.api().patch("tenant", Api.object().set("settings", Api.object().put("mfaRequired", true))).status())
                .isEqualTo(200);

        Api.Response login = login(member.email());
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("mfaRequired").asBoolean()).isTrue();
        assertThat(login.json().get("mfaSetupRequired").asBoolean()).isTrue();
        assertThat(login.json().has("accessToken")).isFalse();
        String token = mfaToken(login);

        assertThat(anonymous.post("auth/mfa/verify", Api.object().put("mfaToken", token).put("code", "123456")).status())
                .as("an enrolment token is no verify token").isEqualTo(401);
        assertThat(anonymous.post("auth/mfa/totp/setup", null).status()).as("setup without any token").isEqualTo(401);
        Api.Response setup = anonymous.post("auth/mfa/totp/setup", Api.object().put("mfaToken", token));
        assertThat(setup.status()).as(setup.toString()).isEqualTo(200);
        byte[] secret = Totp.fromBase32(setup.json().get("secret").asString());
        Api.Response enabled = anonymous.post("auth/mfa/totp/enable", Api.object().put("mfaToken", token)
                .put("code", Authenticator.codeAt(secret, 0)));

        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        assertThat(enabled.json().get("recoveryCodes")).hasSize(10);
        assertThat(enabled.json().get("tokenType").asString()).isEqualTo("Bearer");
        JsonNode me = anonymous.withToken(enabled.json().get("accessToken").asString()).get("me").json();
        assertThat(me.at("/user/id").asString()).isEqualTo(member.id().toString());
        assertThat(me.at("/user/mfaEnabled").asBoolean()).isTrue();
        assertThat(anonymous.post("auth/mfa/totp/enable", Api.object().put("mfaToken", token).put("code", Authenticator.codeAt(secret, 1)))
                .status()).as("the enrolment token is spent").isEqualTo(401);
        Api.Response disable = anonymous.withToken(enabled.json().get("accessToken").asString()).raw("DELETE", "auth/mfa/totp",
                "{\"password\":\"" + TestTenant.PASSWORD + "\"}", "application/json");
        assertThat(disable.status()).as("MFA cannot be turned off while required").isEqualTo(403);
    }

    private Api.Response login(String email) {
        Api.Response login = anonymous.post("auth/login", Api.object().put("email", email).put("password", TestTenant.PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login;
    }

    private static String mfaToken(Api.Response login) {
        assertThat(login.json().get("mfaRequired").asBoolean()).as(login.toString()).isTrue();
        return login.json().get("mfaToken").asString();
    }

    private List<JsonNode> audit(TestTenant tenant, String action) {
        List<JsonNode> entries = new java.util.ArrayList<>();
        tenant.api().get("audit-logs?action=" + action).json().get("items").forEach(entries::add);
        return entries;
    }
}
