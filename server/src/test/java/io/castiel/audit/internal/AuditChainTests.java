package io.castiel.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * Audit rows are written unchained and sequenced into the tenant's hash chain after commit: many
 * concurrent writes of one tenant still make one unbroken chain, rows missed by the after-commit
 * chaining are picked up by the catch-up job, and a chained row is final for the request role.
 */
class AuditChainTests extends CastielTest {

    @Autowired
    AuditChain chain;

    @Test
    void concurrentWritesOfOneTenantFormOneUnbrokenChain() throws Exception {
        TestTenant tenant = newTenant();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                int n = i;
                writes.add(writers.submit(() -> tenant.api().post("shards", Api.object().put("shardType", "c_account")
                        .set("structuredData", Api.object().put("name", "Concurrent " + n))).status()));
            }
            for (Future<Integer> write : writes) {
                assertThat(write.get()).isEqualTo(201);
            }
        } finally {
            writers.shutdown();
        }

        JsonNode verification = tenant.api().get("audit-logs/verify").json();
        assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
        List<Long> seqs = tenants.inTenant(tenant.id(), () -> jdbc.sql("select seq from audit_log where tenant_id = ? order by seq")
                .param(tenant.id()).query(Long.class).list());
        assertThat(seqs).doesNotContainNull();
        assertThat(verification.get("checked").asLong()).isEqualTo(seqs.size());
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(i + 1L);
        }
        long created = tenants.inTenant(tenant.id(), () -> jdbc.sql("select count(*) from audit_log where tenant_id = ? and action = 'shard.created'")
                .param(tenant.id()).query(Long.class).single());
        assertThat(created).isEqualTo(80);
    }

    @Test
    void rowsLeftUnchainedAreChainedByTheCatchUpJob() {
        TestTenant tenant = newTenant();
        tenant.account("Chained after commit");
        UUID orphan = UUID.randomUUID();
        // As if a node died between a commit and its chaining: a row nothing asked to chain.
        tenants.inTenant(tenant.id(), () -> jdbc.sql("""
                insert into audit_log (tenant_id, id, action, resource_type, occurred_at) values (?, ?, 'test.orphan', 'test', now())""")
                .params(tenant.id(), orphan).update());

        chain.run();

        Long seq = tenants.inTenant(tenant.id(), () -> jdbc.sql("select seq from audit_log where tenant_id = ? and id = ?")
                .params(tenant.id(), orphan).query(Long.class).single());
        assertThat(seq).isNotNull();
        assertThat(tenant.api().get("audit-logs/verify").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void aChainedRowIsFinalForTheRequestRole() {
        TestTenant tenant = newTenant();
        tenant.account("Final");
        chain.chain(tenant.id());

        int rewritten = tenants.inTenant(tenant.id(), () -> jdbc.sql("update audit_log set hash = 'forged', prev_hash = 'forged' where tenant_id = ?")
                .param(tenant.id()).update());
        assertThat(rewritten).isZero();
        assertThatThrownBy(() -> tenants.inTenant(tenant.id(), () -> jdbc.sql("update audit_log set action = 'nothing' where tenant_id = ?")
                .param(tenant.id()).update())).rootCause().hasMessageContaining("permission denied");
        assertThat(tenant.api().get("audit-logs/verify").json().get("valid").asBoolean()).isTrue();
    }
}
