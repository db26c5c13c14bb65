package io.castiel.audit.web;

import java.time.Instant;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.audit.internal.AuditQueries;
import io.castiel.audit.internal.AuditRecord;
import io.castiel.audit.internal.ChainVerification;
import io.castiel.platform.ActorContext;
import io.castiel.platform.Page;
import io.castiel.platform.Role;

/** Reading and verifying the audit log: tenant admins only. */
@RestController
@RequestMapping("/api/v1/audit-logs")
class AuditLogController {

    private final AuditQueries queries;
    private final ActorContext actors;

    AuditLogController(AuditQueries queries, ActorContext actors) {
        this.queries = queries;
        this.actors = actors;
    }

    @GetMapping
    Page<AuditRecord> list(@RequestParam(required = false) UUID actorId, @RequestParam(required = false) String action,
            @RequestParam(required = false) String resourceType, @RequestParam(required = false) String resourceId,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String cursor) {
        actors.requireRole(Role.ADMIN);
        return queries.list(new AuditQueries.Filter(actorId, action, resourceType, resourceId, from, to), limit, cursor);
    }

    @GetMapping("/verify")
    ChainVerification verify() {
        actors.requireRole(Role.ADMIN);
        return queries.verify();
    }
}
