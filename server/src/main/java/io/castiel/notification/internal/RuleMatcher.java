package io.castiel.notification.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import io.castiel.platform.TenantContext;
import io.castiel.shard.Shard;
import io.castiel.shard.ShardAccess;
import io.castiel.shard.ShardEvent;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates the tenant's notification rules against each shard event and notifies every rule's
 * owner whose rule matches, provided that user may read the shard now (the same
 * {@link ShardAccess} check as {@code GET /shards/{id}}, for the user's current roles). Each
 * notification is keyed by event and rule, so a retried run stores none twice.
 *
 * <p>Two steps, because most writes match no rule: inside the write's transaction the event is
 * checked against the tenant's rules (in memory), and only an event that matches one becomes a
 * {@link RuleMatched} publication in the outbox, completed after commit by the durable listener.
 * An outbox row for every write, most never needed, would cost each write an insert and an update.
 */
@Component
class RuleMatcher {

    private final TenantContext tenants;
    private final NotificationRules rules;
    private final Recipients recipients;
    private final ShardAccess access;
    private final Notifications notifications;
    private final ApplicationEventPublisher publisher;

    RuleMatcher(TenantContext tenants, NotificationRules rules, Recipients recipients, ShardAccess access, Notifications notifications,
            ApplicationEventPublisher publisher) {
        this.publisher = publisher;
        this.tenants = tenants;
        this.rules = rules;
        this.recipients = recipients;
        this.access = access;
        this.notifications = notifications;
    }

    /** A shard event that matched at least one rule when it was written: worth a durable publication. */
    record RuleMatched(UUID eventId, UUID tenantId, String type, Shard shard) {
    }

    /** In the write's transaction: the rules are cached per tenant, so this costs no query as a rule. */
    @EventListener
    void onWrite(ShardEvent event) {
        Shard shard = event.shard();
        UUID tenantId = event.header().tenantId();
        List<NotificationRule> candidates = rules.ofTenant(tenantId).stream()
                .filter(rule -> rule.shardType().equals(shard.shardType()) && rule.events().contains(event.type())).toList();
        if (candidates.stream().anyMatch(rule -> matches(rule, shard, event.type()))) {
            publisher.publishEvent(new RuleMatched(event.header().id(), tenantId, event.type(), shard));
        }
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(RuleMatched event) {
        Shard shard = event.shard();
        tenants.inTenant(event.tenantId(), () -> {
            List<Draft> drafts = new ArrayList<>();
            for (NotificationRule rule : rules.ofTenant(event.tenantId())) {
                if (!matches(rule, shard, event.type())) {
                    continue;
                }
                Optional<Recipients.Recipient> owner = recipients.user(event.tenantId(), rule.userId());
                if (owner.isEmpty() || !access.rules(owner.get().actor(event.tenantId())).canRead(shard)) {
                    continue;
                }
                drafts.add(new Draft(rule.userId(), "rule.matched", title(rule, shard, event.type()), body(rule, shard, event.type()),
                        "/shards/" + shard.id(), event.eventId() + ":" + rule.id()));
            }
            notifications.store(event.tenantId(), drafts);
            return null;
        });
    }

    private static boolean matches(NotificationRule rule, Shard shard, String type) {
        return rule.shardType().equals(shard.shardType()) && rule.events().contains(type) && rule.filter().matches(shard.structuredData());
    }

    private static String title(NotificationRule rule, Shard shard, String type) {
        String label = label(shard);
        String what = shard.shardType() + (label == null ? "" : " \"" + label + "\"") + " " + verb(type);
        return rule.name() == null || rule.name().isBlank() ? what : rule.name() + ": " + what;
    }

    private static String body(NotificationRule rule, Shard shard, String type) {
        return "Shard " + shard.id() + " of type " + shard.shardType() + " was " + verb(type) + " and matches your rule"
                + (rule.where().isEmpty() ? "" : " (" + String.join(", ", rule.where()) + ")") + ".";
    }

    private static String verb(String type) {
        return type.substring("shard.".length());
    }

    /** A human name for the shard when its data has a usual one. */
    private static String label(Shard shard) {
        for (String field : List.of("name", "title", "subject", "lastName")) {
            JsonNode value = shard.structuredData() == null ? null : shard.structuredData().get(field);
            if (value != null && value.isString() && !value.asString().isBlank()) {
                String text = value.asString().replaceAll("[\\r\\n]+", " ");
                return text.length() > 80 ? text.substring(0, 80) + "…" : text;
            }
        }
        return null;
    }
}
