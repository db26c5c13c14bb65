package io.castiel.webhook.web;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.platform.Page;
import io.castiel.webhook.internal.Endpoints;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/webhooks}: admins register endpoints (the signing secret is answered once), change,
 * disable or delete them, read their delivery log and ask for a redelivery. No
 * {@code Idempotency-Key} on creation: a replayed answer would have to store the secret.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookController {

    record CreateWebhookRequest(String url, List<String> events, String description) {
    }

    record UpdateRequest(String url, List<String> events, JsonNode description, Boolean enabled) {
    }

    private final Endpoints endpoints;

    WebhookController(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Endpoints.CreatedEndpoint create(@RequestBody CreateWebhookRequest request) {
        return endpoints.create(request.url(), request.events(), request.description());
    }

    @GetMapping
    Page<Endpoints.Endpoint> list(@RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String cursor) {
        return endpoints.list(limit, cursor);
    }

    @GetMapping("/{id}")
    Endpoints.Endpoint get(@PathVariable UUID id) {
        return endpoints.get(id);
    }

    @PatchMapping("/{id}")
    Endpoints.Endpoint update(@PathVariable UUID id, @RequestBody UpdateRequest request) {
        return endpoints.update(id, new Endpoints.Changes(request.url(), request.events(), request.description(), request.enabled()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        endpoints.delete(id);
    }

    @GetMapping("/{id}/deliveries")
    Page<Endpoints.Delivery> deliveries(@PathVariable UUID id, @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) String cursor) {
        return endpoints.deliveries(id, limit, cursor);
    }

    @PostMapping("/{id}/deliveries/{deliveryId}/redeliver")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void redeliver(@PathVariable UUID id, @PathVariable UUID deliveryId) {
        endpoints.redeliver(id, deliveryId);
    }
}
