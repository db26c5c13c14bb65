package io.castiel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/** A person in several tenants (one user per tenant, same email) switches between them without signing in again. */
class SwitchTenantTests extends CastielTest {

    @Test
    void switchingGivesATokenPairForThePersonsUserInTheOtherTenantWithThatTenantsRoles() {
        TestTenant home = newTenant();
        TestTenant other = newTenant();
        UUID viewerId = addPerson(other, home.ownerEmail(), "viewer", "active");

        Api.Response switched = home.api().post("auth/switch-tenant", Api.object().put("tenant", other.slug()));

        assertThat(switched.status()).as(switched.toString()).isEqualTo(200);
        assertThat(switched.json().get("tokenType").asString()).isEqualTo("Bearer");
        Api there = anonymous.withToken(switched.json().get("accessToken").asString());
        JsonNode me = there.get("me").json();
        assertThat(me.at("/tenant/slug").asString()).isEqualTo(other.slug());
        assertThat(me.at("/user/id").asString()).isEqualTo(viewerId.toString());
        assertThat(ForgedTokens.claimsOf(there.token()).getClaim("roles")).asList().containsExactly("viewer");
        assertThat(there.post("shards", Api.object().put("shardType", "c_note").set("structuredData", Api.object().put("title", "x")))
                .status()).as("a viewer there, whatever they are at home").isEqualTo(403);
        assertThat(anonymous.post("auth/refresh", Api.object().put("refreshToken", switched.json().get("refreshToken").asString()))
                .status()).isEqualTo(200);
        assertThat(home.api().get("me").status()).as("the home session goes on").isEqualTo(200);
    }

    @Test
    void theSwitchIsAuditedInBothTenants() {
        TestTenant home = newTenant();
        TestTenant other = newTenant();
        UUID adminId = addPerson(other, home.ownerEmail(), "admin", "active");

        Api there = anonymous.withToken(home.api().post("auth/switch-tenant", Api.object().put("tenant", other.slug()))
                .json().get("accessToken").asString());

        JsonNode out = home.api().get("audit-logs?action=auth.tenant_switched").json().at("/items/0");
        JsonNode in = there.get("audit-logs?action=auth.tenant_switched").json().at("/items/0");
        assertThat(out.get("actorId").asString()).isEqualTo(home.ownerId().toString());
        assertThat(out.at("/changes/tenant").asString()).isEqualTo(other.slug());
        assertThat(in.get("actorId").asString()).isEqualTo(adminId.toString());
        assertThat(in.at("/changes/fromTenant").asString()).isEqualTo(home.id().toString());
    }

    @Test
    void aTenantWhereThePersonHasNoActiveUserIsNotFound() {
        TestTenant home = newTenant();
        TestTenant stranger = newTenant();
        TestTenant deactivated = newTenant();
        addPerson(deactivated, home.ownerEmail(), "owner", "deactivated");

        Api.Response notMember = home.api().post("auth/switch-tenant", Api.object().put("tenant", stranger.slug()));
        Api.Response inactive = home.api().post("auth/switch-tenant", Api.object().put("tenant", deactivated.slug()));
        Api.Response unknown = home.api().post("auth/switch-tenant", Api.object().put("tenant", "no-such-tenant-" + UUID.randomUUID()));

        assertThat(notMember.status()).isEqualTo(404);
        assertThat(inactive.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(notMember.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aSwitchDoesNotSkipASecondFactorTheOtherTenantAsksFor() {
        TestTenant home = newTenant();
        TestTenant strict = newTenant();
        addPerson(strict, home.ownerEmail(), "member", "active");
        assertThat(strict.api().patch("tenant", Api.object().set("settings", Api.object().put("mfaRequired", true))).status())
                .isEqualTo(200);
        TestTenant enrolled = newTenant();
        UUID enrolledUser = addPerson(enrolled, home.ownerEmail(), "member", "active");
        tenants.inTenant(enrolled.id(), () -> jdbc.sql("update users set mfa_enabled = true where tenant_id = ? and id = ?")
                .params(enrolled.id(), enrolledUser).update());

        Api.Response toStrict = home.api().post("auth/switch-tenant", Api.object().put("tenant", strict.slug()));
        Api.Response toEnrolled = home.api().post("auth/switch-tenant", Api.object().put("tenant", enrolled.slug()));
        tenants.inTenant(home.id(), () -> jdbc.sql("update users set mfa_enabled = true where tenant_id = ? and id = ?")
                .params(home.id(), home.ownerId()).update());
        Api.Response withSecondFactorAtHome = home.api().post("auth/switch-tenant", Api.object().put("tenant", strict.slug()));

        assertThat(toStrict.status()).isEqualTo(403);
        assertThat(toStrict.contentType()).startsWith("application/problem+json");
        assertThat(toEnrolled.status()).isEqualTo(403);
        assertThat(withSecondFactorAtHome.status()).isEqualTo(200);
    }

    @Test
    void switchingNeedsATenantAndAnAccessToken() {
        TestTenant home = newTenant();

        assertThat(home.api().post("auth/switch-tenant", Api.object()).status()).isEqualTo(400);
        assertThat(home.api().post("auth/switch-tenant", "{\"tenant\": ").status()).isEqualTo(400);
        assertThat(anonymous.post("auth/switch-tenant", Api.object().put("tenant", home.slug())).status()).isEqualTo(401);
    }

    /** The same person (email) as a user of {@code tenant}. */
    private UUID addPerson(TestTenant tenant, String email, String role, String status) {
        UUID userId = UUID.randomUUID();
        String hash = new Argon2PasswordEncoder(16, 32, 1, 19_456, 2).encode(TestTenant.PASSWORD);
        tenants.inTenant(tenant.id(), () -> jdbc.sql("""
                insert into users (tenant_id, id, email, name, password_hash, roles, status) values (?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant.id(), userId, email, "Same person", hash, new String[] {role}, status).update());
        return userId;
    }
}
