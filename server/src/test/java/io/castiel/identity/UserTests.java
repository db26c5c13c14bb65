package io.castiel.identity;

import static io.castiel.identity.InvitationTests.email;
import static io.castiel.identity.InvitationTests.invite;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class UserTests extends CastielTest {

    @Test
    void everyoneInTheTenantListsItsUsersAndNoOthers() {
        TestTenant tenant = newTenant();
        TestTenant other = newTenant();
        TestTenant.Member viewer = addUser(tenant, "viewer");
        TestTenant.Member stranger = addUser(other, "member");

        Api.Response response = viewer.api().get("users");

        assertThat(response.status()).isEqualTo(200);
        JsonNode items = response.json().get("items");
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asString()));
        assertThat(ids).contains(tenant.ownerId().toString(), viewer.id().toString())
                .doesNotContain(other.ownerId().toString(), stranger.id().toString());
        JsonNode owner = items.valueStream().filter(i -> i.get("id").asString().equals(tenant.ownerId().toString())).findFirst().orElseThrow();
        assertThat(owner.get("email").asString()).isEqualTo(tenant.ownerEmail());
        assertThat(owner.at("/roles/0").asString()).isEqualTo("owner");
        assertThat(owner.get("status").asString()).isEqualTo("active");
        assertThat(owner.has("passwordHash")).isFalse();
        assertThat(response.json().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void theUserListIsPagedWithCursors() {
        TestTenant tenant = newTenant();
        addUser(tenant, "member");
        addUser(tenant, "viewer");

        JsonNode first = tenant.api().get("users?limit=2").json();
        JsonNode second = tenant.api().get("users?limit=2&cursor=" + first.get("nextCursor").asString()).json();

        assertThat(first.get("items")).hasSize(2);
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(second.at("/items/0/id").asString()).isNotIn(first.at("/items/0/id").asString(), first.at("/items/1/id").asString());
        assertThat(tenant.api().get("users?cursor=forged.cursor").status()).isEqualTo(400);
        assertThat(tenant.api().get("users?limit=0").status()).isEqualTo(400);
        assertThat(tenant.api().get("users?status=invited").json().get("items")).isEmpty();
    }

    @Test
    void aUserOfAnotherTenantIsNotFound() {
        TestTenant tenant = newTenant();
        TestTenant other = newTenant();

        assertThat(tenant.api().get("users/" + other.ownerId()).status()).isEqualTo(404);
        assertThat(tenant.api().patch("users/" + other.ownerId(), Api.object().put("name", "Mine")).status()).isEqualTo(404);
        assertThat(tenant.api().delete("users/" + other.ownerId()).status()).isEqualTo(404);
        assertThat(other.api().get("users/" + other.ownerId()).json().get("name").asString()).isEqualTo("Owner");
        assertThat(tenant.api().get("users/not-a-uuid").status()).isEqualTo(400);
    }

    @Test
    void membersAndViewersCannotManageUsers() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        TestTenant.Member viewer = addUser(tenant, "viewer");

        assertThat(member.api().post("users", invite(email(), "viewer")).status()).isEqualTo(403);
        assertThat(viewer.api().post("users", invite(email(), "viewer")).status()).isEqualTo(403);
        assertThat(member.api().patch("users/" + viewer.id(), roles("member")).status()).isEqualTo(403);
        assertThat(member.api().patch("users/" + member.id(), roles("admin")).status()).as("no self-promotion").isEqualTo(403);
        assertThat(member.api().delete("users/" + viewer.id()).status()).isEqualTo(403);
    }

    @Test
    void adminsCannotGrantOrTouchTheOwnerRole() {
        TestTenant tenant = newTenant();
        TestTenant.Member admin = addUser(tenant, "admin");
        TestTenant.Member member = addUser(tenant, "member");

        assertThat(admin.api().post("users", invite(email(), "owner")).status()).isEqualTo(403);
        assertThat(admin.api().patch("users/" + member.id(), roles("owner")).status()).isEqualTo(403);
        assertThat(admin.api().patch("users/" + admin.id(), roles("owner")).status()).isEqualTo(403);
        assertThat(admin.api().patch("users/" + tenant.ownerId(), roles("viewer")).status()).isEqualTo(403);
        assertThat(admin.api().patch("users/" + tenant.ownerId(), Api.object().put("status", "deactivated")).status()).isEqualTo(403);
        assertThat(admin.api().delete("users/" + tenant.ownerId()).status()).isEqualTo(403);

        Api.Response promoted = admin.api().patch("users/" + member.id(), roles("admin"));
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().at("/roles/0").asString()).isEqualTo("admin");
        assertThat(admin.api().post("users", invite(email(), "admin")).status()).isEqualTo(201);
        assertThat(tenant.api().patch("users/" + member.id(), roles("owner")).status()).as("owners make owners").isEqualTo(200);
    }

    @Test
    void theLastActiveOwnerCannotBeDemotedDeactivatedOrRemoved() {
        TestTenant tenant = newTenant();
        TestTenant.Member admin = addUser(tenant, "admin");

        Api.Response demoted = tenant.api().patch("users/" + tenant.ownerId(), roles("admin"));
        Api.Response deactivated = tenant.api().patch("users/" + tenant.ownerId(), Api.object().put("status", "deactivated"));
        Api.Response removed = tenant.api().delete("users/" + tenant.ownerId());

        assertThat(demoted.status()).isEqualTo(409);
        assertThat(demoted.contentType()).startsWith("application/problem+json");
        assertThat(deactivated.status()).isEqualTo(409);
        assertThat(removed.status()).isEqualTo(409);

        assertThat(tenant.api().patch("users/" + admin.id(), roles("owner")).status()).isEqualTo(200);
        assertThat(tenant.api().patch("users/" + tenant.ownerId(), roles("admin")).status()).as("another owner exists now").isEqualTo(200);
        String promotedToken = anonymous.post("auth/login", Api.object().put("email", admin.email()).put("password", TestTenant.PASSWORD))
                .json().get("accessToken").asString();
        assertThat(anonymous.withToken(promotedToken).patch("users/" + admin.id(), roles("admin")).status()).as("now the last owner")
                .isEqualTo(409);
    }

    @Test
    void twoOwnersDemotingEachOtherAtOnceLeaveOneOwner() throws Exception {
        TestTenant tenant = newTenant();
        TestTenant.Member second = addUser(tenant, "owner");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                CountDownLatch start = new CountDownLatch(1);
                Future<Api.Response> first = pool.submit(() -> {
                    start.await();
                    return tenant.api().patch("users/" + second.id(), roles("admin"));
                });
                Future<Api.Response> other = pool.submit(() -> {
                    start.await();
                    return second.api().patch("users/" + tenant.ownerId(), roles("admin"));
                });
                start.countDown();
                List<Integer> statuses = List.of(first.get().status(), other.get().status());

                assertThat(statuses).as("round %d", round).containsOnlyOnce(200).allMatch(s -> s == 200 || s == 403 || s == 409);
                Integer owners = tenants.inTenant(tenant.id(), () -> jdbc.sql(
                        "select count(*) from users where 'owner' = any (roles) and status = 'active'").query(Integer.class).single());
                assertThat(owners).isEqualTo(1);
                // Both owners again, for the next round.
                UUID demoted = statuses.get(0) == 200 ? second.id() : tenant.ownerId();
                tenants.inTenant(tenant.id(), () -> jdbc.sql("update users set roles = '{owner}' where id = ?").param(demoted).update());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDemotedAdminCannotKeepManagingUsersWithAnOlderToken() {
        TestTenant tenant = newTenant();
        TestTenant.Member admin = addUser(tenant, "admin");
        TestTenant.Member member = addUser(tenant, "member");
        assertThat(tenant.api().patch("users/" + admin.id(), roles("member")).status()).isEqualTo(200);

        assertThat(admin.api().post("users", invite(email(), "viewer")).status()).isEqualTo(403);
        assertThat(admin.api().patch("users/" + member.id(), roles("viewer")).status()).isEqualTo(403);
        assertThat(admin.api().delete("users/" + member.id()).status()).isEqualTo(403);
    }

    @Test
    void aDeactivatedOwnerDoesNotCountAsTheOtherOwner() {
        TestTenant tenant = newTenant();
        TestTenant.Member second = addUser(tenant, "owner");
        assertThat(tenant.api().patch("users/" + second.id(), Api.object().put("status", "deactivated")).status()).isEqualTo(200);

        assertThat(tenant.api().patch("users/" + tenant.ownerId(), roles("member")).status()).isEqualTo(409);
    }

    @Test
    void deactivationEndsSessionsAndApiKeysAndBlocksLogin() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        String refreshToken = anonymous.post("auth/login", Api.object().put("email", member.email()).put("password", TestTenant.PASSWORD))
                .json().get("refreshToken").asString();
        String key = member.api().post("api-keys", Api.object().put("name", "script").set("roles", Api.parse("[\"member\"]")))
                .json().get("key").asString();
        assertThat(anonymous.withToken(key).get("me").status()).as("the key works before").isEqualTo(200);

        Api.Response deactivated = tenant.api().patch("users/" + member.id(), Api.object().put("status", "deactivated"));

        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.json().get("status").asString()).isEqualTo("deactivated");
        assertThat(anonymous.post("auth/refresh", Api.object().put("refreshToken", refreshToken)).status()).isEqualTo(401);
        assertThat(anonymous.withToken(key).get("me").status()).isEqualTo(401);
        assertThat(anonymous.post("auth/login", Api.object().put("email", member.email()).put("password", TestTenant.PASSWORD)).status())
                .isEqualTo(401);
        JsonNode audit = tenant.api().get("audit-logs?action=user.updated&resourceId=" + member.id()).json().get("items");
        assertThat(audit.at("/0/changes/status/to").asString()).isEqualTo("deactivated");
        assertThat(audit.at("/0/changes/apiKeysRevoked").asInt()).isEqualTo(1);

        assertThat(tenant.api().patch("users/" + member.id(), Api.object().put("status", "active")).status()).isEqualTo(200);
        assertThat(anonymous.post("auth/login", Api.object().put("email", member.email()).put("password", TestTenant.PASSWORD)).status())
                .as("reactivated").isEqualTo(200);
        assertThat(anonymous.withToken(key).get("me").status()).as("keys stay revoked").isEqualTo(401);
    }

    @Test
    void removingAUserDeletesItAndItsCredentials() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        String key = member.api().post("api-keys", Api.object().put("name", "script").set("roles", Api.parse("[\"viewer\"]")))
                .json().get("key").asString();
        assertThat(anonymous.withToken(key).get("me").status()).isEqualTo(200);

        Api.Response removed = tenant.api().delete("users/" + member.id());

        assertThat(removed.status()).isEqualTo(204);
        assertThat(tenant.api().get("users/" + member.id()).status()).isEqualTo(404);
        assertThat(anonymous.withToken(key).get("me").status()).isEqualTo(401);
        assertThat(anonymous.post("auth/login", Api.object().put("email", member.email()).put("password", TestTenant.PASSWORD)).status())
                .isEqualTo(401);
        JsonNode audit = tenant.api().get("audit-logs?action=user.deleted").json().get("items");
        assertThat(audit).hasSize(1);
        assertThat(audit.at("/0/resourceId").asString()).isEqualTo(member.id().toString());
        assertThat(audit.at("/0/changes/email").asString()).isEqualTo(member.email());
        assertThat(tenant.api().post("users", invite(member.email(), "viewer")).status()).as("the email is free again").isEqualTo(201);
    }

    @Test
    void removingAnInvitedUserWithdrawsTheInvitation() {
        TestTenant tenant = newTenant();
        String email = email();
        String userId = tenant.api().post("users", invite(email, "member")).json().get("id").asString();
        String token = INBOX.await(email).find("token=([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");

        assertThat(tenant.api().delete("users/" + userId).status()).isEqualTo(204);

        assertThat(anonymous.post("auth/invitations/accept", Api.object().put("token", token).put("password", "a brand new passphrase"))
                .status()).isEqualTo(400);
    }

    @Test
    void changesAreAppliedAndAudited() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");

        Api.Response updated = tenant.api().patch("users/" + member.id(), Api.object().put("name", "Grace Hopper")
                .set("roles", Api.parse("[\"viewer\", \"admin\", \"admin\"]")));

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("name").asString()).isEqualTo("Grace Hopper");
        assertThat(updated.json().get("roles").toString()).isEqualTo("[\"admin\",\"viewer\"]");
        JsonNode audit = tenant.api().get("audit-logs?action=user.updated&resourceId=" + member.id()).json().get("items");
        assertThat(audit).hasSize(1);
        assertThat(audit.at("/0/changes/name/to").asString()).isEqualTo("Grace Hopper");
        assertThat(audit.at("/0/changes/roles/from/0").asString()).isEqualTo("member");
        assertThat(audit.at("/0/actorId").asString()).isEqualTo(tenant.ownerId().toString());
    }

    @Test
    void aRoleChangeTakesEffectAtTheNextRefresh() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        String refreshToken = anonymous.post("auth/login", Api.object().put("email", member.email()).put("password", TestTenant.PASSWORD))
                .json().get("refreshToken").asString();

        tenant.api().patch("users/" + member.id(), roles("viewer"));
        String access = anonymous.post("auth/refresh", Api.object().put("refreshToken", refreshToken)).json().get("accessToken").asString();

        assertThat(anonymous.withToken(access).post("shards", Api.object().put("shardType", "c_account")
                .set("structuredData", Api.object().put("name", "Nope"))).status()).isEqualTo(403);
    }

    @Test
    void badChangesAreClearBadRequests() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        String path = "users/" + member.id();

        Api.Response unknownRole = tenant.api().patch(path, Api.object().set("roles", Api.parse("[\"member\", \"god\"]")));
        Api.Response emptyRoles = tenant.api().patch(path, Api.object().set("roles", Api.parse("[]")));
        Api.Response unknownField = tenant.api().patch(path, Api.object().put("email", "new@example.test"));
        Api.Response invitedStatus = tenant.api().patch(path, Api.object().put("status", "invited"));
        Api.Response notAnObject = tenant.api().raw("PATCH", "/api/v1/" + path, "[1]", "application/merge-patch+json");
        Api.Response badEmail = tenant.api().post("users", invite("not-an-email", "member"));
        Api.Response badRoleType = tenant.api().post("users", Api.object().put("email", email()).put("roles", "admin"));

        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(unknownRole.json().at("/errors/0/pointer").asString()).isEqualTo("/roles/1");
        assertThat(emptyRoles.status()).isEqualTo(400);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().at("/errors/0/pointer").asString()).isEqualTo("/email");
        assertThat(invitedStatus.status()).isEqualTo(400);
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.json().at("/errors/0/pointer").asString()).isEqualTo("/email");
        assertThat(badRoleType.status()).isEqualTo(400);
    }

    @Test
    void anInvitedUserIsActivatedOnlyByAccepting() {
        TestTenant tenant = newTenant();
        String userId = tenant.api().post("users", invite(email(), "member")).json().get("id").asString();

        assertThat(tenant.api().patch("users/" + userId, Api.object().put("status", "active")).status()).isEqualTo(409);
        assertThat(tenant.api().get("users/" + userId).json().get("status").asString()).isEqualTo("invited");
        assertThat(tenant.api().post("users/" + UUID.randomUUID() + "/invitation", null).status()).isEqualTo(404);
    }

    private static ObjectNode roles(String role) {
        ObjectNode body = Api.object();
        body.putArray("roles").add(role);
        return body;
    }
}
