package io.castiel.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

import io.castiel.platform.NotificationRequested;
import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.Inbox;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * In-app notifications and their emails for what other modules ask (a disabled webhook endpoint,
 * a failed integration sync), listed and marked read by their recipients only.
 */
class NotificationTests extends CastielTest {

    @Autowired
    private ApplicationEventPublisher publisher;

    @Test
    void aRequestForAdminsReachesEveryActiveAdminAndOwnerInAppAndByMailButNoOneElse() {
        TestTenant tenant = newTenant();
        TestTenant.Member admin = addUser(tenant, "admin");
        TestTenant.Member member = addUser(tenant, "member");
        TestTenant.Member viewer = addUser(tenant, "viewer");
        TestTenant.Member formerAdmin = addUser(tenant, "admin");
        tenants.inTenant(tenant.id(), () -> jdbc.sql("update users set status = 'deactivated' where tenant_id = ? and id = ?")
                .params(tenant.id(), formerAdmin.id()).update());
        UUID endpoint = UUID.randomUUID();

        request(NotificationRequested.toAdmins(tenant.id(), "webhook.disabled", "Webhook endpoint disabled",
                "https://hooks.example.test/in failed for 24 hours and was disabled.", "/webhooks/" + endpoint));

        for (Api api : List.of(tenant.api(), admin.api())) {
            JsonNode notification = awaitNotifications(api, 1).get(0);
            assertThat(notification.get("kind").asString()).isEqualTo("webhook.disabled");
            assertThat(notification.get("title").asString()).isEqualTo("Webhook endpoint disabled");
            assertThat(notification.get("body").asString()).contains("was disabled");
            assertThat(notification.get("link").asString()).isEqualTo("/webhooks/" + endpoint);
            assertThat(notification.get("readAt").isNull()).isTrue();
            assertThat(notification.get("createdAt").asString()).endsWith("Z");
        }
        for (String email : List.of(tenant.ownerEmail(), admin.email())) {
            Inbox.Mail mail = awaitMail(email, "Webhook endpoint disabled");
            assertThat(mail.text()).contains("was disabled").contains("/webhooks/" + endpoint);
        }
        Consumers.awaitIdle(jdbc, tenant.id());
        assertThat(items(member.api().get("notifications"))).isEmpty();
        assertThat(items(viewer.api().get("notifications"))).isEmpty();
        assertThat(INBOX.messagesTo(member.email())).isEmpty();
        assertThat(INBOX.messagesTo(viewer.email())).isEmpty();
        assertThat(INBOX.messagesTo(formerAdmin.email())).isEmpty();
        assertThat(tenants.inTenant(tenant.id(), () -> jdbc.sql("select count(*) from notifications where tenant_id = ?")
                .params(tenant.id()).query(Long.class).single())).isEqualTo(2);
    }

    @Test
    void aRequestForOneUserReachesOnlyThatUser() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        TestTenant.Member other = addUser(tenant, "member");

        request(new NotificationRequested(tenant.id(), member.id(), "integration.sync_failed", "Salesforce sync failed",
                "The sync stopped: invalid credentials.", "/integrations/x"));

        JsonNode notification = awaitNotifications(member.api(), 1).get(0);
        assertThat(notification.get("kind").asString()).isEqualTo("integration.sync_failed");
        assertThat(awaitMail(member.email(), "Salesforce sync failed").text()).contains("invalid credentials");
        Consumers.awaitIdle(jdbc, tenant.id());
        assertThat(items(other.api().get("notifications"))).isEmpty();
        assertThat(items(tenant.api().get("notifications"))).isEmpty();
    }

    @Test
    void whoeverInvitedSomeoneIsToldWhenTheyAccept() {
        TestTenant tenant = newTenant();
        TestTenant.Member admin = addUser(tenant, "admin");
        String email = "invitee-" + UUID.randomUUID() + "@example.test";
        Api.Response invited = admin.api().post("users", Api.object().put("email", email).put("name", "Invitee")
                .set("roles", Api.JSON.createArrayNode().add("member")));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        String token = INBOX.await(email).find("token=([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");
        Consumers.awaitIdle(jdbc, tenant.id());
        assertThat(items(admin.api().get("notifications"))).isEmpty();

        assertThat(anonymous.post("auth/invitations/accept", Api.object().put("token", token).put("password", "a brand new passphrase"))
                .status()).isEqualTo(200);

        JsonNode notification = awaitNotifications(admin.api(), 1).get(0);
        assertThat(notification.get("kind").asString()).isEqualTo("invitation.accepted");
        assertThat(notification.get("title").asString()).contains(email);
        assertThat(notification.get("link").asString()).isEqualTo("/users/" + invited.json().get("id").asString());
        assertThat(awaitMail(admin.email(), "accepted your invitation").text()).contains("member");
        Consumers.awaitIdle(jdbc, tenant.id());
        assertThat(items(tenant.api().get("notifications"))).isEmpty();
    }

    @Test
    void notificationsAreListedNewestFirstInPagesAndMarkedRead() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        for (int i = 1; i <= 5; i++) {
            request(new NotificationRequested(tenant.id(), member.id(), "integration.sync_failed", "Sync " + i + " failed", null, null));
            awaitNotifications(member.api(), i);
        }

        List<String> titles = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Response page = member.api().get("notifications?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json().get("items").forEach(n -> titles.add(n.get("title").asString()));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(titles).containsExactly("Sync 5 failed", "Sync 4 failed", "Sync 3 failed", "Sync 2 failed", "Sync 1 failed");
        assertThat(pages).isEqualTo(3);
        assertThat(member.api().get("notifications/unread-count").json().get("count").asLong()).isEqualTo(5);

        JsonNode newest = items(member.api().get("notifications")).get(0);
        Api.Response read = member.api().post("notifications/" + newest.get("id").asString() + "/read", Api.object());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("readAt").asString()).endsWith("Z");
        String firstReadAt = read.json().get("readAt").asString();
        assertThat(member.api().post("notifications/" + newest.get("id").asString() + "/read", Api.object()).json().get("readAt")
                .asString()).isEqualTo(firstReadAt);
        assertThat(member.api().get("notifications/unread-count").json().get("count").asLong()).isEqualTo(4);
        List<JsonNode> unread = items(member.api().get("notifications?unread=true"));
        assertThat(unread).hasSize(4).noneMatch(n -> n.get("id").equals(newest.get("id")));

        Api.Response all = member.api().post("notifications/read-all", Api.object());
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("marked").asInt()).isEqualTo(4);
        assertThat(items(member.api().get("notifications?unread=true"))).isEmpty();
        assertThat(member.api().get("notifications/unread-count").json().get("count").asLong()).isZero();
        assertThat(items(member.api().get("notifications"))).hasSize(5).allMatch(n -> !n.get("readAt").isNull());
    }

    @Test
    void aUserWhoMutedAKindGetsItInTheAppButNotByMail() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        assertThat(member.api().get("notifications/preferences").json().get("mutedEmailKinds")).isEmpty();
        Api.Response muted = member.api().put("notifications/preferences",
                Api.object().set("mutedEmailKinds", Api.JSON.createArrayNode().add("integration.sync_failed")));
        assertThat(muted.status()).as(muted.toString()).isEqualTo(200);
        assertThat(member.api().get("notifications/preferences").json().at("/mutedEmailKinds/0").asString())
                .isEqualTo("integration.sync_failed");

        request(new NotificationRequested(tenant.id(), member.id(), "integration.sync_failed", "Muted sync failure", null, null));
        request(new NotificationRequested(tenant.id(), member.id(), "webhook.disabled", "Loud webhook notice", null, null));

        awaitNotifications(member.api(), 2);
        awaitMail(member.email(), "Loud webhook notice");
        Consumers.awaitIdle(jdbc, tenant.id());
        assertThat(INBOX.messagesTo(member.email())).extracting(Inbox.Mail::subject).noneMatch(subject -> subject.contains("Muted"));
        assertThat(member.api().put("notifications/preferences", Api.object().set("mutedEmailKinds",
                Api.JSON.createArrayNode().add("Not A Kind"))).status()).isEqualTo(400);
        assertThat(member.api().put("notifications/preferences", Api.object()).status()).isEqualTo(400);
    }

    @Test
    void someoneElsesNotificationIsNotFound() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        TestTenant.Member other = addUser(tenant, "admin");
        request(new NotificationRequested(tenant.id(), member.id(), "integration.sync_failed", "Sync failed", null, null));
        String id = awaitNotifications(member.api(), 1).get(0).get("id").asString();
        TestTenant foreign = newTenant();

        for (Api api : List.of(other.api(), tenant.api(), foreign.api())) {
            Api.Response get = api.get("notifications/" + id);
            assertThat(get.status()).isEqualTo(404);
            assertThat(get.contentType()).startsWith("application/problem+json");
            assertThat(api.post("notifications/" + id + "/read", Api.object()).status()).isEqualTo(404);
        }
        assertThat(member.api().get("notifications/" + id).json().get("readAt").isNull()).isTrue();
        assertThat(member.api().get("notifications/" + id).status()).isEqualTo(200);
    }

    @Test
    void badListParametersAreClearClientErrors() {
        TestTenant tenant = newTenant();
        assertThat(tenant.api().get("notifications?limit=0").status()).isEqualTo(400);
        assertThat(tenant.api().get("notifications?limit=501").status()).isEqualTo(400);
        assertThat(tenant.api().get("notifications?cursor=forged.cursor").status()).isEqualTo(400);
        assertThat(tenant.api().get("notifications/not-a-uuid").status()).isEqualTo(400);
        assertThat(anonymous.get("notifications").status()).isEqualTo(401);
    }

    private void request(NotificationRequested request) {
        tenants.inTenant(request.tenantId(), () -> {
            publisher.publishEvent(request);
            return null;
        });
    }

    /** Waits (up to 10 s) for a mail to the address whose subject contains {@code subject}. */
    static Inbox.Mail awaitMail(String email, String subject) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            for (Inbox.Mail mail : INBOX.messagesTo(email)) {
                if (mail.subject().contains(subject)) {
                    return mail;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("No mail \"" + subject + "\" to " + email + " within 10 s");
            }
            pause();
        }
    }

    static List<JsonNode> items(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        response.json().get("items").forEach(items::add);
        return items;
    }

    /** Waits (up to 10 s) until the user has at least {@code count} notifications; the newest first. */
    static List<JsonNode> awaitNotifications(Api api, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            List<JsonNode> items = items(api.get("notifications"));
            if (items.size() >= count || Instant.now().isAfter(deadline)) {
                assertThat(items).hasSizeGreaterThanOrEqualTo(count);
                return items;
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
