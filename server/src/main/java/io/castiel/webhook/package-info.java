/**
 * Webhooks: endpoints a tenant's admins register, and signed (Standard Webhooks) deliveries of
 * the tenant's events to them, retried with backoff, kept in order per endpoint.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Webhooks")
package io.castiel.webhook;
