package io.castiel.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.castiel.platform.internal.EmbeddedSuperuser;
import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * Audit retention deletes a tenant's rows older than its auditRetentionDays, records the purge,
 * and leaves a chain that still verifies from its checkpoint. Old rows are made by moving the
 * first rows' time back and re-hashing the chain as the database superuser.
 */
class AuditRetentionTests extends CastielTest {

    @Autowired
    AuditChain chain;

    @Autowired
    ApplicationContext context;

    @Autowired
    AuditRetention retention;

    @Test
    void rowsOlderThanTheRetentionArePurgedAndTheChainStillVerifies() {
        TestTenant tenant = newTenant();
        tenant.account("Old one");
        tenant.account("Old two");
        tenant.account("Recent");
        JdbcClient superuser = JdbcClient.create(EmbeddedSuperuser.dataSource(context));
        long total = count(superuser, tenant.id());
        long old = total - 1; // all but the newest row ("Recent")
        backdate(superuser, tenant.id(), old, 40);
        assertThat(tenant.api().get("audit-logs/verify").json().get("valid").asBoolean()).as("re-chained correctly").isTrue();
        assertThat(tenant.api().patch("tenant", Api.object().set("settings", Api.object().put("auditRetentionDays", 30))).status())
                .isEqualTo(200);

        retention.run();

        List<Long> kept = superuser.sql("select seq from audit_log where tenant_id = ? order by seq").param(tenant.id()).query(Long.class).list();
        assertThat(kept).first().isEqualTo(old + 1);
        JsonNode purged = tenant.api().get("audit-logs?action=audit.purged").json().at("/items/0");
        assertThat(purged.at("/changes/deleted").asLong()).isEqualTo(old);
        assertThat(purged.at("/changes/retainedFromSeq").asLong()).isEqualTo(old + 1);
        assertThat(purged.at("/changes/retentionDays").asInt()).isEqualTo(30);
        assertThat(purged.path("actorId").isNull() || purged.path("actorId").isMissingNode()).as("done by the system").isTrue();
        JsonNode verification = tenant.api().get("audit-logs/verify").json();
        assertThat(verification.get("valid").asBoolean()).isTrue();
        assertThat(verification.get("checked").asLong()).isEqualTo(kept.size());
    }

    @Test
    void aSecondRunFindsNothingToPurgeAndRecordsNothing() {
        TestTenant tenant = newTenant();
        tenant.account("Old");
        JdbcClient superuser = JdbcClient.create(EmbeddedSuperuser.dataSource(context));
        backdate(superuser, tenant.id(), count(superuser, tenant.id()), 10);
        tenant.api().patch("tenant", Api.object().set("settings", Api.object().put("auditRetentionDays", 5)));

        long first = retention.purge(tenant.id());
        long second = retention.purge(tenant.id());

        assertThat(first).isPositive();
        assertThat(second).isZero();
        assertThat(tenant.api().get("audit-logs?action=audit.purged").json().get("items")).hasSize(1);
        assertThat(tenant.api().get("audit-logs/verify").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void tenantsWithoutRetentionOrWithinItKeepEverything() {
        TestTenant keepsAll = newTenant();
        TestTenant longRetention = newTenant();
        JdbcClient superuser = JdbcClient.create(EmbeddedSuperuser.dataSource(context));
        backdate(superuser, keepsAll.id(), count(superuser, keepsAll.id()), 400);
        backdate(superuser, longRetention.id(), count(superuser, longRetention.id()), 20);
        longRetention.api().patch("tenant", Api.object().set("settings", Api.object().put("auditRetentionDays", 30)));
        long keepsAllRows = count(superuser, keepsAll.id());
        long longRetentionRows = count(superuser, longRetention.id());

        retention.run();

        assertThat(count(superuser, keepsAll.id())).isEqualTo(keepsAllRows);
        assertThat(count(superuser, longRetention.id())).isEqualTo(longRetentionRows);
    }

    @Test
    void deletingAKeptRowAfterAPurgeIsStillDetected() {
        TestTenant tenant = newTenant();
        tenant.account("Old");
        tenant.account("Kept one");
        tenant.account("Kept two");
        JdbcClient superuser = JdbcClient.create(EmbeddedSuperuser.dataSource(context));
        backdate(superuser, tenant.id(), 2, 10);
        tenant.api().patch("tenant", Api.object().set("settings", Api.object().put("auditRetentionDays", 5)));
        retention.purge(tenant.id());

        superuser.sql("delete from audit_log where tenant_id = ? and seq = 3").param(tenant.id()).update();

        assertThat(tenant.api().get("audit-logs/verify").json().get("valid").asBoolean()).isFalse();
    }

    @Test
    void theRequestRoleCannotDeleteAuditRows() {
        TestTenant tenant = newTenant();

        assertThatThrownBy(() -> tenants.inTenant(tenant.id(),
                () -> jdbc.sql("delete from audit_log where tenant_id = ?").param(tenant.id()).update()))
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> tenants.inTenant(tenant.id(),
                () -> jdbc.sql("insert into audit_checkpoints (tenant_id, seq, hash, purged_at) values (?, 1, 'x', now())")
                        .param(tenant.id()).update()))
                .rootCause().hasMessageContaining("permission denied");
    }

    private static long count(JdbcClient superuser, UUID tenantId) {
        return superuser.sql("select count(*) from audit_log where tenant_id = ?").param(tenantId).query(Long.class).single();
    }

    private record Row(long seq, UUID id, UUID actorId, String action, String resourceType, String resourceId, String changes,
            String ip, String userAgent, Instant occurredAt) {
    }

    /** Moves the first {@code rows} rows {@code days} back in time and re-hashes the whole chain, as if written then. */
    private void backdate(JdbcClient superuser, UUID tenantId, long rows, int days) {
        chain.chain(tenantId); // the rows' sequence numbers, as a read or the chaining after commit gives them
        superuser.sql("update audit_log set occurred_at = occurred_at - make_interval(days => ?) where tenant_id = ? and seq <= ?")
                .params(days, tenantId, rows).update();
        List<Row> chain = superuser.sql("""
                select seq, id, actor_id, action, resource_type, resource_id, changes::text as changes, ip, user_agent, occurred_at
                from audit_log where tenant_id = ? order by seq""").param(tenantId)
                .query((rs, n) -> new Row(rs.getLong("seq"), rs.getObject("id", UUID.class), rs.getObject("actor_id", UUID.class),
                        rs.getString("action"), rs.getString("resource_type"), rs.getString("resource_id"), rs.getString("changes"),
                        rs.getString("ip"), rs.getString("user_agent"), rs.getTimestamp("occurred_at").toInstant()))
                .list();
        String prev = ChainHash.GENESIS;
        for (Row row : chain) {
            String hash = ChainHash.of(tenantId, row.seq(), row.id(), row.actorId(), row.action(), row.resourceType(), row.resourceId(),
                    row.changes(), row.ip(), row.userAgent(), row.occurredAt(), prev);
            superuser.sql("update audit_log set prev_hash = ?, hash = ? where tenant_id = ? and seq = ?")
                    .params(prev, hash, tenantId, row.seq()).update();
            prev = hash;
        }
        superuser.sql("update audit_heads set hash = ? where tenant_id = ?").params(prev, tenantId).update();
    }
}
