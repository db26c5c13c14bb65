/**
 * Notifications: in-app notifications per user (listed and marked read by their recipient) and
 * their emails, for whatever another module asks through
 * {@link io.castiel.platform.NotificationRequested} (a disabled webhook endpoint, a failed
 * integration sync...) and for users' own rules on shard events ("tell me when a c_opportunity
 * with amount >= 10000 is created"). Emails go out after commit through the event publication
 * registry, so a failed send is retried and an in-app notification is never duplicated.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package io.castiel.notification;
