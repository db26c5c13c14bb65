package io.castiel.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.castiel.realtime.LiveEvents;
import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.GraphQlSocket;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/** {@code shardEvents} over graphql-transport-ws: authenticated in connection_init, filtered like {@code /ws}. */
class SubscriptionTests extends CastielTest {

    @Autowired
    LiveEvents liveEvents;

    /** The server has registered the tenant's subscriptions (graphql-transport-ws does not acknowledge a subscribe). */
    private void awaitFeed(TestTenant tenant, int count) throws InterruptedException {
        for (int i = 0; i < 1_000 && liveEvents.feeds(tenant.id()) < count; i++) {
            Thread.sleep(10);
        }
        assertThat(liveEvents.feeds(tenant.id())).as("live feeds of the tenant").isGreaterThanOrEqualTo(count);
    }

    private GraphQlSocket subscribed(String token, String query) throws Exception {
        return GraphQlSocket.subscribed(port, token, query);
    }

    @Test
    void shardEventsArriveForTheSubscribedTypesOnly() throws Exception {
        TestTenant tenant = newTenant();
        try (GraphQlSocket socket = subscribed(tenant.api().token(),
                "subscription { shardEvents(types: [\"c_contact\"], events: [\"shard.*\"]) { type tenantId data } }")) {
            awaitFeed(tenant, 1);
            tenant.account("Not wanted");
            JsonNode contact = tenant.createShard("c_contact", Api.object().put("lastName", "Lovelace"));
            JsonNode next = socket.nextOf("next");
            assertThat(next.path("id").asString()).isEqualTo("1");
            assertThat(next.at("/payload/data/shardEvents/type").asString()).isEqualTo("shard.created");
            assertThat(next.at("/payload/data/shardEvents/tenantId").asString()).isEqualTo(tenant.id().toString());
            assertThat(next.at("/payload/data/shardEvents/data/id").asString()).isEqualTo(contact.get("id").asString());
        }
    }

    @Test
    void anotherTenantsAndHiddenShardsNeverArrive() throws Exception {
        TestTenant tenant = newTenant();
        TestTenant other = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        try (GraphQlSocket socket = subscribed(member.api().token(), "subscription { shardEvents { type data } }")) {
            awaitFeed(tenant, 1);
            other.account("Foreign");
            Api.Response hidden = tenant.api().post("shards", Api.object().put("shardType", "c_account")
                    .set("structuredData", Api.object().put("name", "Hidden"))
                    .set("acl", Api.parse("[{\"userId\": \"" + tenant.ownerId() + "\", \"permissions\": [\"read\", \"write\"]}]")));
            assertThat(hidden.status()).isEqualTo(201);
            JsonNode visible = tenant.account("Visible");
            JsonNode next = socket.nextOf("next");
            assertThat(next.at("/payload/data/shardEvents/data/id").asString()).isEqualTo(visible.get("id").asString());
        }
    }

    @Test
    void queriesOverTheSocketRunAsItsUser() throws Exception {
        TestTenant tenant = newTenant();
        JsonNode account = tenant.account("Acme");
        try (GraphQlSocket socket = subscribed(tenant.api().token(),
                "{ me { user { id } } shard(id: \"" + account.get("id").asString() + "\") { related { id } createdBy { id } } }")) {
            JsonNode next = socket.nextOf("next");
            assertThat(next.at("/payload/data/me/user/id").asString()).as(next.toString()).isEqualTo(tenant.ownerId().toString());
            assertThat(next.at("/payload/data/shard/createdBy/id").asString()).isEqualTo(tenant.ownerId().toString());
            socket.nextOf("complete");
        }
    }

    @Test
    void aConnectionWithoutAValidTokenIsClosed() throws Exception {
        try (GraphQlSocket socket = GraphQlSocket.connect(port, null)) {
            socket.send(Api.object().put("type", "connection_init").set("payload", Api.object().put("Authorization", "Bearer nonsense")));
            // The server closes with 4401 (graphql-transport-ws "Unauthorized") and drops the TCP
            // connection; now and then the JDK client sees the drop before it has read the close
            // frame and reports 1006 (closed abnormally) instead. Either way: closed, never acknowledged.
            assertThat(socket.closed.get(10, TimeUnit.SECONDS)).isIn(4401, 1006);
            assertThat(socket.messages).noneMatch(message -> message.path("type").asString().equals("connection_ack"));
        }
    }

    @Test
    void aForeignOriginCannotOpenTheSocket() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> GraphQlSocket.connect(port, "https://evil.example")))
                .isInstanceOf(ExecutionException.class);
    }

    @Test
    void malformedFiltersAreAValidationError() throws Exception {
        TestTenant tenant = newTenant();
        try (GraphQlSocket socket = subscribed(tenant.api().token(), "subscription { shardEvents(events: [\"Not A Pattern\"]) { type } }")) {
            JsonNode error = socket.nextOf("error");
            assertThat(error.at("/payload/0/extensions/code").asString()).isEqualTo("VALIDATION");
        }
    }
}
