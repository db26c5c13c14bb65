package io.castiel.identity;

import java.util.UUID;

/**
 * A tenant was registered, with its first user (the owner): published in the registering
 * transaction so that modules which give a new tenant its starting content (the starter
 * dashboards) do so exactly when the tenant exists. Not one of API.md's events: nothing outside
 * Castiel sees it, and the tenant's own audit row ({@code tenant.created}) records the change.
 */
public record TenantCreated(UUID tenantId, UUID ownerId) {
}
