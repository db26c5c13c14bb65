package io.castiel.identity.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.identity.TenantService;
import tools.jackson.databind.JsonNode;

/** {@code GET/PATCH /api/v1/tenant}: the caller's tenant and its settings. */
@RestController
@RequestMapping("/api/v1/tenant")
class TenantController {

    private final TenantService tenants;

    TenantController(TenantService tenants) {
        this.tenants = tenants;
    }

    @GetMapping
    TenantService.Tenant get() {
        return tenants.current();
    }

    @PatchMapping(consumes = {"application/json", "application/merge-patch+json"})
    TenantService.Tenant update(@RequestBody JsonNode patch) {
        return tenants.update(patch);
    }
}
