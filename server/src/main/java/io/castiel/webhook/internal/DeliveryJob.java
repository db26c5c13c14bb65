package io.castiel.webhook.internal;

import java.time.Duration;

import org.springframework.stereotype.Component;

import io.castiel.platform.RecurringJob;

/**
 * Picks up due webhook deliveries every second, cluster-wide: retries whose time has come, and
 * deliveries queued before a restart or committed on another node.
 */
@Component
class DeliveryJob implements RecurringJob {

    private final DeliveryDispatcher dispatcher;

    DeliveryJob(DeliveryDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public String name() {
        return "webhook-deliveries";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(1);
    }

    @Override
    public void run() {
        dispatcher.kick();
    }
}
