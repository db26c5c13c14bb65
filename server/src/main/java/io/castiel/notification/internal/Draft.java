package io.castiel.notification.internal;

import java.util.UUID;

/**
 * A notification about to be stored for one recipient. {@code sourceKey} names its cause when the
 * cause is unique (an event and a rule), so a consumer that runs again stores it only once.
 */
record Draft(UUID userId, String kind, String title, String body, String link, String sourceKey) {
}
