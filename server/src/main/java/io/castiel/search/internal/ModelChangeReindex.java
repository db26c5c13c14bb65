package io.castiel.search.internal;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.castiel.platform.Jobs;
import io.castiel.platform.OneOffJob;
import io.castiel.platform.TenantContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * After the embedding model changes (another {@code castiel.ai.embedding.local-model}, or a
 * remote model), re-embeds every tenant whose stored vectors the previous model made, through the
 * reindex job ({@link ReindexJob}): a query embedded by one model is not comparable with vectors
 * of another, so waiting for each shard's next write would leave search half blind. Once a node
 * has started, it schedules this check as a one-off job (one run per model name, on any node, off
 * the start's path); the check schedules a reindex for each such tenant. While a tenant is being
 * re-embedded its search compares the new query vectors with the vectors not yet replaced.
 */
@Component
class ModelChangeReindex implements OneOffJob {

    static final String NAME = "search-model-change";
    private static final Logger log = LoggerFactory.getLogger(ModelChangeReindex.class);

    private final Jobs jobs;
    private final TenantContext tenants;
    private final EmbeddingModelName modelName;
    private final Clock clock;
    /** The check runs outside any tenant (the function is security definer). */
    private final JdbcClient unscoped;

    ModelChangeReindex(Jobs jobs, TenantContext tenants, EmbeddingModelName modelName, Clock clock, DataSource dataSource) {
        this.jobs = jobs;
        this.tenants = tenants;
        this.modelName = modelName;
        this.clock = clock;
        this.unscoped = JdbcClient.create(dataSource);
    }

    @EventListener(ApplicationReadyEvent.class)
    void scheduleCheck() {
        jobs.schedule(NAME, modelName.value(), clock.instant(), JsonNodeFactory.instance.objectNode());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(String instanceId, UUID tenantId, JsonNode payload) {
        if (!instanceId.equals(modelName.value())) {
            // Scheduled by a node with another model (a rolling change): that node checks for its own.
            return;
        }
        List<UUID> stale = unscoped.sql("select * from embedding_tenants_of_other_models(?)").param(modelName.value()).query(UUID.class).list();
        for (UUID tenant : stale) {
            tenants.inTenant(tenant, () -> jobs.schedule(ReindexJob.NAME, "tenant", clock.instant(), JsonNodeFactory.instance.objectNode()));
        }
        if (!stale.isEmpty()) {
            log.info("The embedding model is now {}: {} tenants with vectors of another model are re-embedded", modelName.value(), stale.size());
        }
    }
}
