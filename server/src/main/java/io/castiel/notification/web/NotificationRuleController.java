package io.castiel.notification.web;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.notification.internal.NotificationRule;
import io.castiel.notification.internal.NotificationRules;
import io.castiel.platform.Page;

/**
 * {@code /api/v1/notification-rules}: the caller's rules "notify me when a shard of type X
 * matching {@code where} (the filters of {@code GET /shards}) is created/updated".
 */
@RestController
@RequestMapping("/api/v1/notification-rules")
class NotificationRuleController {

    record CreateNotificationRuleRequest(String name, String shardType, List<String> events, List<String> where) {
    }

    private final NotificationRules rules;

    NotificationRuleController(NotificationRules rules) {
        this.rules = rules;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    NotificationRule create(@RequestBody CreateNotificationRuleRequest request) {
        return rules.create(request.name(), request.shardType(), request.events(), request.where());
    }

    @GetMapping
    Page<NotificationRule> list() {
        return rules.list();
    }

    @GetMapping("/{id}")
    NotificationRule get(@PathVariable UUID id) {
        return rules.get(id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        rules.delete(id);
    }
}
