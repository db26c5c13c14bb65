package io.castiel.platform;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tenant the current thread works for. Every transaction opened while a tenant is current
 * starts with {@code set_config('app.tenant_id', ..., true)} (see the transaction manager in
 * {@code platform.internal}), so Row-Level Security confines every statement to that tenant.
 *
 * <p>Requests get their tenant from the authenticated token; flows that run before there is a
 * token (registration, login, refresh) bind one explicitly with {@link #inTenant}.
 */
@Component
public class TenantContext {

    private final ThreadLocal<UUID> bound = new ThreadLocal<>();
    private final ActorContext actors;
    // Lazy: the transaction manager itself reads this context.
    private final ObjectProvider<TransactionTemplate> transactions;

    TenantContext(ActorContext actors, ObjectProvider<TransactionTemplate> transactions) {
        this.actors = actors;
        this.transactions = transactions;
    }

    public Optional<UUID> current() {
        UUID explicit = bound.get();
        if (explicit != null) {
            return Optional.of(explicit);
        }
        return actors.find().map(Actor::tenantId);
    }

    public UUID require() {
        return current().orElseThrow(() -> ApiException.unauthorized("No tenant in context"));
    }

    /** Runs {@code work} in one transaction scoped to {@code tenantId}. */
    public <T> T inTenant(UUID tenantId, Supplier<T> work) {
        UUID previous = bound.get();
        bound.set(tenantId);
        try {
            return transactions.getObject().execute(status -> work.get());
        } finally {
            if (previous == null) {
                bound.remove();
            } else {
                bound.set(previous);
            }
        }
    }
}
