package io.castiel.notification.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.castiel.platform.Actor;
import io.castiel.platform.ActorContext;
import io.castiel.platform.ApiException;
import io.castiel.platform.Role;
import io.castiel.platform.TenantContext;

/**
 * Each user's notification preferences: the kinds they want in the app only, without an email
 * (e.g. {@code ["rule.matched"]}). Kinds are open-ended (any module may introduce one), so any
 * well-formed kind may be muted.
 */
@Service
public class NotificationPreferences {

    /** What the caller gets no email for. */
    public record Preferences(List<String> mutedEmailKinds) {
    }

    private static final Pattern KIND = Pattern.compile("^[a-z][a-z0-9_.\\-]{0,62}$");
    private static final int MAX_KINDS = 50;

    private final JdbcClient jdbc;
    private final TenantContext tenants;
    private final ActorContext actors;

    NotificationPreferences(JdbcClient jdbc, TenantContext tenants, ActorContext actors) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.actors = actors;
    }

    public Preferences get() {
        Actor actor = actors.requireRole(Role.VIEWER);
        List<String> muted = tenants.inTenant(actor.tenantId(), () -> jdbc.sql(
                "select muted_email_kinds from notification_preferences where tenant_id = ? and user_id = ?")
                .params(actor.tenantId(), actor.userId()).query((rs, n) -> Arrays.asList((String[]) rs.getArray(1).getArray()))
                .optional().orElse(List.of()));
        return new Preferences(muted);
    }

    /** Replaces the caller's preferences. */
    public Preferences put(List<String> mutedEmailKinds) {
        Actor actor = actors.requireRole(Role.VIEWER);
        if (mutedEmailKinds == null) {
            throw ApiException.badRequest("mutedEmailKinds is required (an empty list mutes nothing)", "/mutedEmailKinds");
        }
        if (mutedEmailKinds.size() > MAX_KINDS) {
            throw ApiException.badRequest("At most " + MAX_KINDS + " kinds", "/mutedEmailKinds");
        }
        for (int i = 0; i < mutedEmailKinds.size(); i++) {
            String kind = mutedEmailKinds.get(i);
            if (kind == null || !KIND.matcher(kind).matches()) {
                throw ApiException.badRequest("A kind is a lower-case name such as rule.matched", "/mutedEmailKinds/" + i);
            }
        }
        List<String> kinds = new ArrayList<>(new LinkedHashSet<>(mutedEmailKinds));
        tenants.inTenant(actor.tenantId(), () -> jdbc.sql("insert into notification_preferences (tenant_id, user_id, muted_email_kinds)"
                + " values (?, ?, ?) on conflict (tenant_id, user_id) do update set muted_email_kinds = excluded.muted_email_kinds,"
                + " updated_at = now()").params(actor.tenantId(), actor.userId(), kinds.toArray(String[]::new)).update());
        return new Preferences(List.copyOf(kinds));
    }
}
