package io.castiel.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.castiel.platform.RecurringJob;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;

/** The platform purges: idempotency keys after 24 h, completed event publications after 7 days; nothing else. */
class PlatformPurgeTests extends CastielTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    IdempotencyKeyPurge idempotencyKeys;

    @Autowired
    @Qualifier("purgeEventPublications")
    RecurringJob eventPublications;

    @Test
    void idempotencyKeysOlderThanADayArePurgedInEveryTenant() {
        TestTenant tenant = newTenant();
        TestTenant other = newTenant();
        JdbcClient superuser = JdbcClient.create(EmbeddedSuperuser.dataSource(context));
        String insert = "insert into idempotency_keys (tenant_id, actor_id, key, request_hash, created_at) values (?, ?, ?, 'h', now() - cast(? as interval))";
        superuser.sql(insert).params(tenant.id(), tenant.ownerId(), "old", "25 hours").update();
        superuser.sql(insert).params(tenant.id(), tenant.ownerId(), "fresh", "23 hours").update();
        superuser.sql(insert).params(other.id(), other.ownerId(), "old", "3 days").update();

        idempotencyKeys.run();

        assertThat(superuser.sql("select tenant_id::text || ':' || key from idempotency_keys where tenant_id in (?, ?)")
                .params(tenant.id(), other.id()).query(String.class).list()).containsExactly(tenant.id() + ":fresh");
    }

    @Test
    void completedEventPublicationsOlderThanAWeekArePurged() {
        JdbcClient superuser = JdbcClient.create(EmbeddedSuperuser.dataSource(context));
        String marker = "purge-test-" + UUID.randomUUID();
        String insert = """
                insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, completion_date, status)
                values (?, ?, 'java.lang.String', '"x"', now() - interval '9 days', now() - cast(? as interval), ?)""";
        UUID oldCompleted = UUID.randomUUID();
        UUID recentCompleted = UUID.randomUUID();
        UUID oldIncomplete = UUID.randomUUID();
        superuser.sql(insert).params(oldCompleted, marker, "8 days", "COMPLETED").update();
        superuser.sql(insert).params(recentCompleted, marker, "6 days", "COMPLETED").update();
        superuser.sql(insert.replace("now() - cast(? as interval)", "cast(? as timestamptz)")).params(oldIncomplete, marker, null, "FAILED")
                .update();

        eventPublications.run();

        assertThat(superuser.sql("select id from event_publication where listener_id = ?").param(marker).query(UUID.class).list())
                .containsExactlyInAnyOrder(recentCompleted, oldIncomplete);
        superuser.sql("delete from event_publication where listener_id = ?").param(marker).update();
    }
}
