package io.castiel.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;

/**
 * The database, not the application code, keeps tenants apart: the request role is bound by
 * Row-Level Security and cannot switch it off, so even SQL with no tenant filter sees one tenant.
 */
class RowLevelSecurityTests extends CastielTest {

    @Test
    void queryWithoutTenantFilterSeesOnlyTheCurrentTenant() {
        TestTenant a = newTenant();
        TestTenant b = newTenant();
        a.account("A's account");
        b.account("B's account");

        List<UUID> seenByA = tenants.inTenant(a.id(), () -> jdbc.sql("select distinct tenant_id from shards").query(UUID.class).list());
        List<UUID> usersSeenByB = tenants.inTenant(b.id(), () -> jdbc.sql("select distinct tenant_id from users").query(UUID.class).list());

        assertThat(seenByA).containsExactly(a.id());
        assertThat(usersSeenByB).containsExactly(b.id());
    }

    @Test
    void withoutATenantNothingIsVisible() {
        newTenant().account("Invisible");

        Long shards = jdbc.sql("select count(*) from shards").query(Long.class).single();
        Long tenantRows = jdbc.sql("select count(*) from tenants").query(Long.class).single();

        assertThat(shards).isZero();
        assertThat(tenantRows).isZero();
    }

    @Test
    void writingIntoAnotherTenantIsRefused() {
        TestTenant a = newTenant();
        TestTenant b = newTenant();

        assertThatThrownBy(() -> tenants.inTenant(a.id(), () -> jdbc.sql("""
                insert into shard_types (tenant_id, name, schema) values (?, 'sneaky', '{}')""").param(b.id()).update()))
                .rootCause().hasMessageContaining("row-level security");
    }

    @Test
    void requestRoleCannotBypassOrDisableRowLevelSecurity() {
        Boolean privileged = jdbc.sql("select rolsuper or rolbypassrls from pg_roles where rolname = current_user").query(Boolean.class).single();
        Long owned = jdbc.sql("select count(*) from pg_tables where tableowner = current_user").query(Long.class).single();

        assertThat(privileged).isFalse();
        assertThat(owned).isZero();
        assertThatThrownBy(() -> jdbc.sql("alter table shards disable row level security").update())
                .rootCause().hasMessageContaining("must be owner");
        assertThatThrownBy(() -> jdbc.sql("set session authorization postgres").update())
                .rootCause().hasMessageContaining("permission denied");
    }

    @Test
    void auditRowsCannotBeChangedOrDeletedByTheRequestRole() {
        TestTenant tenant = newTenant();

        assertThatThrownBy(() -> tenants.inTenant(tenant.id(), () -> jdbc.sql("update audit_log set action = 'nothing'").update()))
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> tenants.inTenant(tenant.id(), () -> jdbc.sql("delete from audit_log").update()))
                .rootCause().hasMessageContaining("permission denied");
    }

    @Test
    void filterOperatorsAreLeakproofSoTheirIndexesServeRlsQueries() {
        List<String> leakproof = jdbc.sql("select proname from pg_proc where proname in ('jsonb_contains', 'ts_match_vq', 'texticlike') and proleakproof")
                .query(String.class).list();

        assertThat(leakproof).containsExactlyInAnyOrder("jsonb_contains", "ts_match_vq", "texticlike");
    }
}
