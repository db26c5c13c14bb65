package io.castiel.identity.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.castiel.audit.AuditEntry;
import io.castiel.audit.AuditLog;
import io.castiel.platform.TenantContext;
import io.castiel.platform.RateLimitExceeded;
import tools.jackson.databind.node.JsonNodeFactory;

/** Records in the tenant's audit log that one of its users, API keys, or the tenant as a whole hit a rate limit. */
@Component
class RateLimitAudit {

    private final TenantContext tenants;
    private final AuditLog audit;

    RateLimitAudit(TenantContext tenants, AuditLog audit) {
        this.tenants = tenants;
        this.audit = audit;
    }

    @EventListener
    void exceeded(RateLimitExceeded event) {
        String resourceType = event.scope().equals("tenant") ? "tenant" : event.apiKeyId() != null ? "api_key" : "user";
        Object resourceId = event.scope().equals("tenant") ? event.tenantId() : event.apiKeyId() != null ? event.apiKeyId() : event.userId();
        tenants.inTenant(event.tenantId(), () -> {
            audit.record(AuditEntry.of("rate_limit.exceeded", resourceType, resourceId,
                    JsonNodeFactory.instance.objectNode().put("scope", event.scope()).put("perMinute", event.perMinute()))
                    .by(event.userId()));
            return null;
        });
    }
}
