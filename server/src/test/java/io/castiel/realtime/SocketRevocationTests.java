package io.castiel.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.castiel.platform.CastielProperties;
import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.Eventually;
import io.castiel.support.GraphQlSocket;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * A revoked session ends every socket that authenticated with its access token, whichever door
 * it came through: {@code /ws} and the GraphQL socket are closed within the revocation check
 * interval (1 s in the tests), and an operation sent after the revocation is never served.
 */
class SocketRevocationTests extends CastielTest {

    /** Scheduling on a busy test machine: the check itself runs every interval. */
    private static final Duration SLACK = Duration.ofSeconds(2);

    @Autowired
    LiveEvents liveEvents;

    @Autowired
    CastielProperties properties;

    @Test
    void revokedSessionClosesBothSockets() throws Exception {
        TestTenant tenant = newTenant();
        String token = tenant.api().token();
        try (GraphQlSocket graphQl = GraphQlSocket.subscribed(port, token, "subscription { shardEvents { type } }");
                WsClient ws = WsClient.authenticated(port, token)) {
            ws.subscribe(List.of("*"), null);
            awaitFeeds(tenant, 1);

            long revokedAt = System.nanoTime();
            logout(tenant);

            Duration limit = properties.security().revocationCheckInterval().plus(SLACK);
            // 4401 is graphql-transport-ws "Unauthorized"; the JDK client reports 1006 when it sees
            // the connection dropped before it has read the close frame.
            assertThat(graphQl.closed.get(limit.toMillis(), TimeUnit.MILLISECONDS)).isIn(4401, 1006);
            WsClient.Close close = ws.closed.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThanOrEqualTo(limit);
            assertThat(close.code()).isEqualTo(1008);
            assertThat(close.reason()).isEqualTo("credentials revoked");
            JsonNode error = ws.next();
            assertThat(error.get("type").asString()).isEqualTo("error");
            assertThat(error.get("code").asString()).isEqualTo("revoked");
            assertThat(Eventually.until(() -> liveEvents.feeds(tenant.id()), feeds -> feeds == 0, Duration.ofSeconds(5)))
                    .as("the GraphQL subscription ended with its socket").isZero();
        }
    }

    @Test
    void aRevokedSessionsSocketsServeNoNewOperation() throws Exception {
        TestTenant tenant = newTenant();
        String token = tenant.api().token();
        try (GraphQlSocket graphQl = GraphQlSocket.subscribed(port, token, "subscription { shardEvents { type } }");
                WsClient ws = WsClient.authenticated(port, token)) {
            awaitFeeds(tenant, 1);

            logout(tenant);
            // Sent right after the revocation, usually before the revocation check closes the
            // sockets; either way neither operation may be served.
            trySend(() -> graphQl.subscribe("2", "{ me { user { id } } }"));
            trySend(() -> ws.send(Api.object().put("type", "subscribe")));

            Duration limit = properties.security().revocationCheckInterval().plus(SLACK);
            assertThat(graphQl.closed.get(limit.toMillis(), TimeUnit.MILLISECONDS)).isIn(4401, 1006);
            List<JsonNode> answers = new ArrayList<>(graphQl.messages);
            assertThat(answers).as("no data for the operation sent after the revocation")
                    .noneMatch(m -> m.path("id").asString().equals("2") && m.at("/payload/data/me").isObject());
            answers.stream().filter(m -> m.path("id").asString().equals("2") && m.path("type").asString().equals("next"))
                    .forEach(refusal -> assertThat(refusal.at("/payload/errors/0/extensions/code").asString()).isEqualTo("UNAUTHENTICATED"));

            WsClient.Close close = ws.closed.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(close.code()).isEqualTo(1008);
            assertThat(ws.messages).as("never subscribed after the revocation").noneMatch(m -> m.path("type").asString().equals("subscribed"))
                    .anyMatch(m -> m.path("code").asString().equals("revoked"));
        }
    }

    /** The refresh token's logout revokes its session family (API.md: "204, session revoked"). */
    private void logout(TestTenant tenant) {
        Api.Response logout = anonymous.post("auth/logout", Api.object().put("refreshToken", tenant.refreshToken()));
        assertThat(logout.status()).isEqualTo(204);
    }

    private void awaitFeeds(TestTenant tenant, int count) {
        assertThat(Eventually.until(() -> liveEvents.feeds(tenant.id()), feeds -> feeds >= count, Duration.ofSeconds(10)))
                .as("live feeds of the tenant").isGreaterThanOrEqualTo(count);
    }

    /** Sends unless the socket is already closed, which refuses the operation too. */
    private static void trySend(Runnable send) {
        try {
            send.run();
        } catch (RuntimeException e) {
            // The server closed the socket first.
        }
    }
}
