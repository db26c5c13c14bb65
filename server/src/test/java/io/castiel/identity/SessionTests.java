package io.castiel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * Sessions (one per sign-in, a family of rotating refresh tokens): listed and revoked by their
 * owner, revocation ends their access tokens too, and a refresh token dies of inactivity (7 days)
 * or at the absolute end of its sign-in (30 days), whichever comes first. Time is simulated by
 * moving the stored timestamps.
 */
class SessionTests extends CastielTest {

    @Test
    void sessionsListsTheCallersSignInsAndMarksTheCurrentOne() {
        TestTenant tenant = newTenant();
        Api.Response other = anonymous.withHeader("User-Agent", "Phone/1.0").post("auth/login", login(tenant.ownerEmail()));

        Api.Response list = tenant.api().get("auth/sessions");

        assertThat(list.status()).isEqualTo(200);
        JsonNode items = list.json().get("items");
        assertThat(items).hasSize(2);
        assertThat(list.json().get("nextCursor").isNull()).isTrue();
        JsonNode current = find(items, sidOf(tenant.api().token()));
        JsonNode phone = find(items, sidOf(other.json().get("accessToken").asString()));
        assertThat(current.get("current").asBoolean()).isTrue();
        assertThat(phone.get("current").asBoolean()).isFalse();
        assertThat(phone.get("userAgent").asString()).isEqualTo("Phone/1.0");
        assertThat(phone.get("ip").asString()).isNotBlank();
        Instant created = Instant.parse(phone.get("createdAt").asString());
        assertThat(Instant.parse(phone.get("lastUsedAt").asString())).isEqualTo(created);
        assertThat(Duration.between(created, Instant.parse(phone.get("expiresAt").asString())))
                .isBetween(Duration.ofDays(7).minusSeconds(5), Duration.ofDays(7).plusSeconds(5));
    }

    @Test
    void aRefreshKeepsTheSessionAndMovesItsLastUse() {
        TestTenant tenant = newTenant();
        String sid = sidOf(tenant.api().token());

        Api.Response refreshed = anonymous.post("auth/refresh", Api.object().put("refreshToken", tenant.refreshToken()));
        String newToken = refreshed.json().get("accessToken").asString();
        JsonNode items = anonymous.withToken(newToken).get("auth/sessions").json().get("items");

        assertThat(sidOf(newToken)).isEqualTo(sid);
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("current").asBoolean()).isTrue();
        assertThat(Instant.parse(items.get(0).get("lastUsedAt").asString())).isAfter(Instant.parse(items.get(0).get("createdAt").asString()));
    }

    @Test
    void revokingASessionEndsItsRefreshAndAccessTokens() {
        TestTenant tenant = newTenant();
        JsonNode other = anonymous.post("auth/login", login(tenant.ownerEmail())).json();
        Api otherApi = anonymous.withToken(other.get("accessToken").asString());
        assertThat(otherApi.get("me").status()).isEqualTo(200);

        Api.Response revoke = tenant.api().delete("auth/sessions/" + sidOf(otherApi.token()));

        assertThat(revoke.status()).isEqualTo(204);
        assertThat(otherApi.get("me").status()).isEqualTo(401);
        assertThat(anonymous.post("auth/refresh", Api.object().put("refreshToken", other.get("refreshToken").asString())).status())
                .isEqualTo(401);
        assertThat(tenant.api().get("auth/sessions").json().get("items")).hasSize(1);
        assertThat(tenant.api().get("me").status()).as("the caller's own session goes on").isEqualTo(200);
        assertThat(tenant.api().get("audit-logs?action=auth.session_revoked").json().at("/items/0/resourceId").asString())
                .isEqualTo(sidOf(otherApi.token()));
    }

    @Test
    void anotherUsersOrAnUnknownSessionIsNotFound() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        TestTenant stranger = newTenant();

        Api.Response othersInTenant = member.api().delete("auth/sessions/" + sidOf(tenant.api().token()));
        Api.Response othersTenant = stranger.api().delete("auth/sessions/" + sidOf(tenant.api().token()));
        Api.Response unknown = tenant.api().delete("auth/sessions/" + UUID.randomUUID());
        Api.Response malformed = tenant.api().delete("auth/sessions/not-a-uuid");

        assertThat(othersInTenant.status()).isEqualTo(404);
        assertThat(othersTenant.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(tenant.api().get("me").status()).isEqualTo(200);
        assertThat(member.api().get("auth/sessions").json().get("items")).hasSize(1);
    }

    @Test
    void logoutEndsTheSessionsAccessTokens() {
        TestTenant tenant = newTenant();

        assertThat(anonymous.post("auth/logout", Api.object().put("refreshToken", tenant.refreshToken())).status()).isEqualTo(204);

        assertThat(tenant.api().get("me").status()).isEqualTo(401);
    }

    @Test
    void replayingASpentRefreshTokenEndsTheFamilysAccessTokens() {
        TestTenant tenant = newTenant();
        JsonNode rotated = anonymous.post("auth/refresh", Api.object().put("refreshToken", tenant.refreshToken())).json();
        Api current = anonymous.withToken(rotated.get("accessToken").asString());
        assertThat(current.get("me").status()).isEqualTo(200);

        Api.Response replay = anonymous.post("auth/refresh", Api.object().put("refreshToken", tenant.refreshToken()));

        assertThat(replay.status()).isEqualTo(401);
        assertThat(current.get("me").status()).isEqualTo(401);
        assertThat(anonymous.post("auth/refresh", Api.object().put("refreshToken", rotated.get("refreshToken").asString())).status())
                .isEqualTo(401);
    }

    @Test
    void anIdleRefreshTokenExpires() {
        TestTenant tenant = newTenant();
        tenants.inTenant(tenant.id(), () -> jdbc.sql("update sessions set expires_at = now() - interval '1 second' where tenant_id = ?")
                .param(tenant.id()).update());

        Api.Response refresh = anonymous.post("auth/refresh", Api.object().put("refreshToken", tenant.refreshToken()));

        assertThat(refresh.status()).isEqualTo(401);
        assertThat(refresh.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aSessionEndsAtItsAbsoluteLifetimeHoweverActive() {
        TestTenant tenant = newTenant();
        // Signed in 30 days ago and refreshed ever since: the idle timeout is far, the absolute end has passed.
        tenants.inTenant(tenant.id(), () -> jdbc.sql("""
                update sessions set created_at = now() - interval '30 days', family_expires_at = now() - interval '1 second',
                                    expires_at = now() + interval '6 days'
                where tenant_id = ?""").param(tenant.id()).update());

        assertThat(anonymous.post("auth/refresh", Api.object().put("refreshToken", tenant.refreshToken())).status()).isEqualTo(401);
        assertThat(tenant.api().get("me").status()).as("its access tokens end with it").isEqualTo(401);
    }

    @Test
    void aRefreshExtendsTheIdleTimeoutButNeverPastTheAbsoluteEnd() {
        TestTenant tenant = newTenant();
        Instant absoluteEnd = tenants.inTenant(tenant.id(), () -> jdbc.sql("""
                update sessions set family_expires_at = date_trunc('second', now()) + interval '2 days'
                where tenant_id = ? returning family_expires_at""").param(tenant.id()).query(java.sql.Timestamp.class).single()).toInstant();

        JsonNode refreshed = anonymous.post("auth/refresh", Api.object().put("refreshToken", tenant.refreshToken())).json();
        JsonNode session = anonymous.withToken(refreshed.get("accessToken").asString()).get("auth/sessions").json().at("/items/0");

        assertThat(Instant.parse(session.get("expiresAt").asString())).isEqualTo(absoluteEnd);
    }

    @Test
    void aFreshSessionEndsThirtyDaysAfterSignInAtTheLatest() {
        TestTenant tenant = newTenant();

        Duration lifetime = Duration.ofSeconds(tenants.inTenant(tenant.id(), () -> jdbc.sql(
                "select extract(epoch from family_expires_at - created_at)::bigint from sessions where tenant_id = ?")
                .param(tenant.id()).query(Long.class).single()));

        assertThat(lifetime).isBetween(Duration.ofDays(30).minusSeconds(5), Duration.ofDays(30).plusSeconds(5));
    }

    @Test
    void sessionsNeedAnAccessToken() {
        assertThat(anonymous.get("auth/sessions").status()).isEqualTo(401);
        assertThat(anonymous.delete("auth/sessions/" + UUID.randomUUID()).status()).isEqualTo(401);
    }

    private static tools.jackson.databind.node.ObjectNode login(String email) {
        return Api.object().put("email", email).put("password", TestTenant.PASSWORD);
    }

    static String sidOf(String accessToken) {
        return ForgedTokens.claimsOf(accessToken).getClaim("sid").toString();
    }

    private static JsonNode find(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.get("id").asString().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no session " + id + " in " + items);
    }
}
