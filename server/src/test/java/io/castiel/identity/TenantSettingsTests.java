package io.castiel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;

class TenantSettingsTests extends CastielTest {

    @Test
    void everyMemberReadsTheTenantWithDefaultSettings() {
        TestTenant tenant = newTenant();
        Api.Response response = addUser(tenant, "viewer").api().get("tenant");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("slug").asString()).isEqualTo(tenant.slug());
        assertThat(response.json().at("/settings/mfaRequired").asBoolean()).isFalse();
        assertThat(response.json().at("/settings/ssoProvisioning").asString()).isEqualTo("link");
    }

    @Test
    void ownerChangesSettingsByMergePatchAndNullResets() {
        TestTenant tenant = newTenant();
        Api.Response changed = tenant.api().patch("tenant", Api.object().put("name", "Renamed")
                .set("settings", Api.object().put("mfaRequired", true).put("auditRetentionDays", 90)));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("name").asString()).isEqualTo("Renamed");
        assertThat(changed.json().at("/settings/mfaRequired").asBoolean()).isTrue();

        Api.Response reset = tenant.api().patch("tenant", Api.object().set("settings", Api.object().putNull("auditRetentionDays")));
        assertThat(reset.json().at("/settings/auditRetentionDays").isNull()).isTrue();
        assertThat(reset.json().at("/settings/mfaRequired").asBoolean()).isTrue();
        assertThat(tenant.api().get("audit-logs?action=tenant.updated").json().get("items").size()).isEqualTo(2);
    }

    @Test
    void adminsChangeSettingsButOnlyOwnersRenameAndMembersNeither() {
        TestTenant tenant = newTenant();
        Api admin = addUser(tenant, "admin").api();
        Api member = addUser(tenant, "member").api();

        Api.Response settings = admin.patch("tenant", Api.object().set("settings", Api.object().put("emailVerificationRequired", true)));
        Api.Response rename = admin.patch("tenant", Api.object().put("name", "Taken over"));
        Api.Response memberChange = member.patch("tenant", Api.object().set("settings", Api.object().put("emailVerificationRequired", false)));

        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.json().at("/settings/emailVerificationRequired").asBoolean()).isTrue();
        assertThat(rename.status()).isEqualTo(403);
        assertThat(memberChange.status()).isEqualTo(403);
        assertThat(tenant.api().get("tenant").json().get("name").asString()).isNotEqualTo("Taken over");
        assertThat(tenant.api().get("tenant").json().at("/settings/emailVerificationRequired").asBoolean()).isTrue();
    }

    @Test
    void unknownOrInvalidSettingsAreRefusedWithAPointer() {
        TestTenant tenant = newTenant();
        Api.Response unknown = tenant.api().patch("tenant", Api.object().set("settings", Api.object().put("colour", "red")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/errors/0/pointer").asString()).isEqualTo("/settings/colour");

        Api.Response badValue = tenant.api().patch("tenant", Api.object().set("settings", Api.object().put("ssoProvisioning", "maybe")));
        assertThat(badValue.status()).isEqualTo(400);
        assertThat(badValue.json().at("/errors/0/pointer").asString()).isEqualTo("/settings/ssoProvisioning");

        Api.Response wrongType = tenant.api().patch("tenant", Api.object().set("settings", Api.object().put("mfaRequired", "yes please")));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(tenant.api().get("tenant").json().at("/settings/mfaRequired").asBoolean()).isFalse();
    }
}
