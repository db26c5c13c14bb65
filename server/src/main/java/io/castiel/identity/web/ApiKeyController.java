package io.castiel.identity.web;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.identity.internal.ApiKeys;
import io.castiel.platform.Page;

/**
 * {@code /api/v1/api-keys}: make a key for yourself (roles up to your own), list and revoke keys
 * (admins: all of the tenant's; others: their own). No {@code Idempotency-Key} here: a replayed
 * answer would have to store the secret.
 */
@RestController
@RequestMapping("/api/v1/api-keys")
class ApiKeyController {

    record CreateApiKeyRequest(String name, List<String> roles, String expiresAt) {
    }

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ApiKeys.CreatedApiKey create(@RequestBody CreateApiKeyRequest request) {
        return keys.create(request.name(), request.roles(), request.expiresAt());
    }

    @GetMapping
    Page<ApiKeys.ApiKey> list(@RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String cursor) {
        return keys.list(limit, cursor);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable UUID id) {
        keys.revoke(id);
    }
}
