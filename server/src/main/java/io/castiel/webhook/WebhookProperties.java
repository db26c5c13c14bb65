package io.castiel.webhook;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code castiel.webhooks.*}: {@code retryDelays} are the waits before each retry of a failed
 * delivery (Standard Webhooks' schedule, about a day in all; after the last one fails the endpoint
 * is disabled); {@code allowPrivateNetworks} lets endpoints point at loopback/private addresses
 * (tests, on-premises installations); {@code workers} bounds the deliveries in flight per node;
 * {@code inFlightPerEndpoint} bounds the requests sent to one endpoint side by side when it is behind (order
 * is then kept per subject: see the README); {@code timeout} covers connecting and the response; {@code logRetention} is how long finished
 * deliveries stay in the delivery log.
 */
@ConfigurationProperties("castiel.webhooks")
public record WebhookProperties(
        @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) List<Duration> retryDelays,
        @DefaultValue("false") boolean allowPrivateNetworks,
        @DefaultValue("32") int workers,
        @DefaultValue("4") int inFlightPerEndpoint,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("30d") Duration logRetention) {
}
