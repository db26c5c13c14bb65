package io.castiel.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

class GraphQlApiTests extends CastielTest {

    private static final String SHARD_FIELDS = "id shardType structuredData unstructuredData metadata status source revision createdAt updatedAt";

    private HttpGraphQlTester graphQl(TestTenant tenant) {
        return GraphQlClient.as(port, tenant.api().token());
    }

    private HttpGraphQlTester graphQl(TestTenant.Member member) {
        return GraphQlClient.as(port, member.api().token());
    }

    private static String code(ResponseError error) {
        return String.valueOf(error.getExtensions().get("code"));
    }

    @Test
    void createdShardReadsBackThroughShardAndShards() {
        TestTenant tenant = newTenant();
        HttpGraphQlTester graphQl = graphQl(tenant);
        String id = graphQl.document("mutation($input: CreateShardInput!) { createShard(input: $input) { " + SHARD_FIELDS + " } }")
                .variable("input", Map.of("shardType", "c_account", "structuredData", Map.of("name", "Acme", "industry", "Manufacturing"),
                        "metadata", Map.of("tags", List.of("key-account"))))
                .execute().path("createShard.revision").entity(Integer.class).isEqualTo(1)
                .path("createShard.id").entity(String.class).get();
        tenant.account("Globex");

        graphQl.document("{ shard(id: \"" + id + "\") { id shardType status source structuredData metadata createdBy { id email } } }")
                .execute()
                .path("shard.structuredData.name").entity(String.class).isEqualTo("Acme")
                .path("shard.metadata.tags[0]").entity(String.class).isEqualTo("key-account")
                .path("shard.status").entity(String.class).isEqualTo("active")
                .path("shard.createdBy.id").entity(String.class).isEqualTo(tenant.ownerId().toString());

        graphQl.document("{ shards(type: \"c_account\", where: [\"industry:eq:Manufacturing\"]) { edges { node { id } cursor } pageInfo { hasNextPage endCursor } } }")
                .execute()
                .path("shards.edges[*].node.id").entityList(String.class).containsExactly(id)
                .path("shards.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);

        // Paging by cursor: two pages of one cover both accounts, in the REST list's order.
        List<String> firstPage = graphQl.document("{ shards(type: \"c_account\", sort: \"createdAt\", first: 1) { edges { node { id } cursor } pageInfo { hasNextPage endCursor } } }")
                .execute().path("shards.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true)
                .path("shards.edges[*].node.id").entityList(String.class).hasSize(1).get();
        String end = graphQl.document("{ shards(type: \"c_account\", sort: \"createdAt\", first: 1) { pageInfo { endCursor } } }")
                .execute().path("shards.pageInfo.endCursor").entity(String.class).get();
        graphQl.document("query($after: String) { shards(type: \"c_account\", sort: \"createdAt\", first: 1, after: $after) { edges { node { structuredData } } pageInfo { hasNextPage } } }")
                .variable("after", end).execute()
                .path("shards.edges[0].node.structuredData.name").entity(String.class).isEqualTo("Globex")
                .path("shards.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
        assertThat(firstPage).containsExactly(id);
    }

    @Test
    void meAndShardTypesAnswerAsRestDoes() {
        TestTenant tenant = newTenant();
        HttpGraphQlTester graphQl = graphQl(tenant);
        graphQl.document("{ me { user { id email roles } tenant { id slug } } }").execute()
                .path("me.user.id").entity(String.class).isEqualTo(tenant.ownerId().toString())
                .path("me.user.roles").entityList(String.class).containsExactly("owner")
                .path("me.tenant.slug").entity(String.class).isEqualTo(tenant.slug());
        graphQl.document("{ shardTypes { name system } }").execute()
                .path("shardTypes[*].name").entityList(String.class).contains("c_account", "c_contact");
        graphQl.document("{ shardType(name: \"c_contact\") { name system effectiveSchema } unknown: shardType(name: \"nope_nope\") { name } }")
                .execute()
                .path("shardType.system").entity(Boolean.class).isEqualTo(true)
                .path("shardType.effectiveSchema.required[0]").entity(String.class).isEqualTo("lastName")
                .path("unknown").valueIsNull();
    }

    @Test
    void relatedAndRelationshipsFollowTheGraph() {
        TestTenant tenant = newTenant();
        JsonNode account = tenant.account("Acme");
        JsonNode ada = tenant.createShard("c_contact", Api.object().put("lastName", "Lovelace"));
        JsonNode grace = tenant.createShard("c_contact", Api.object().put("lastName", "Hopper"));
        JsonNode note = tenant.createShard("c_note", Api.object().put("title", "Kickoff"));
        tenant.link(account, ada, "has_contact");
        tenant.link(account, grace, "has_contact");
        tenant.link(account, note, "has_activity");
        String relationshipId = tenant.link(ada, grace, "reports_to");
        HttpGraphQlTester graphQl = graphQl(tenant);

        graphQl.document("query($id: ID!) { shard(id: $id) { contacts: related(type: \"has_contact\") { structuredData } all: related { id } "
                + "relationships(type: \"has_contact\") { type sourceId targetId createdBy { id } source { id } target { structuredData } } } }")
                .variable("id", account.get("id").asString()).execute()
                .path("shard.contacts[*].structuredData.lastName").entityList(String.class).contains("Lovelace", "Hopper").hasSize(2)
                .path("shard.all").entityList(Object.class).hasSize(3)
                .path("shard.relationships").entityList(Object.class).hasSize(2)
                .path("shard.relationships[0].source.id").entity(String.class).isEqualTo(account.get("id").asString())
                .path("shard.relationships[0].createdBy.id").entity(String.class).isEqualTo(tenant.ownerId().toString());

        graphQl.document("query($id: ID!) { shard(id: $id) { incoming: related(direction: IN) { id } both: relationships { id type } } }")
                .variable("id", grace.get("id").asString()).execute()
                .path("shard.incoming[*].id").entityList(String.class)
                .contains(account.get("id").asString(), ada.get("id").asString()).hasSize(2)
                .path("shard.both[*].type").entityList(String.class).contains("has_contact", "reports_to").hasSize(2);

        graphQl.document("mutation($id: ID!) { deleteRelationship(id: $id) }").variable("id", relationshipId).execute()
                .path("deleteRelationship").entity(Boolean.class).isEqualTo(true);
        graphQl.document("query($id: ID!) { shard(id: $id) { related(direction: IN) { id } } }")
                .variable("id", grace.get("id").asString()).execute()
                .path("shard.related[*].id").entityList(String.class).containsExactly(account.get("id").asString());
    }

    @Test
    void writesGoThroughTheSameValidationRevisionsAndEvents() {
        TestTenant tenant = newTenant();
        HttpGraphQlTester graphQl = graphQl(tenant);
        String id = tenant.account("Acme").get("id").asString();

        graphQl.document("mutation($id: ID!) { updateShard(id: $id, patch: {structuredData: {industry: \"Retail\"}}, expectedRevision: 1) { revision structuredData } }")
                .variable("id", id).execute()
                .path("updateShard.revision").entity(Integer.class).isEqualTo(2)
                .path("updateShard.structuredData.name").entity(String.class).isEqualTo("Acme")
                .path("updateShard.structuredData.industry").entity(String.class).isEqualTo("Retail");
        assertThat(events.await(tenant.id(), 2)).anyMatch(e -> e.type().equals("shard.updated") && e.data().get("id").asString().equals(id));

        graphQl.document("mutation($id: ID!) { updateShard(id: $id, patch: {status: \"archived\"}, expectedRevision: 1) { revision } }")
                .variable("id", id).execute().errors().satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(code(errors.get(0))).isEqualTo("CONFLICT");
                });

        // structuredData that fails the type's schema: VALIDATION with REST's pointer.
        graphQl.document("mutation { createShard(input: {shardType: \"c_account\", structuredData: {industry: \"x\"}}) { id } }")
                .execute().errors().satisfy(errors -> {
                    assertThat(code(errors.get(0))).isEqualTo("VALIDATION");
                    assertThat(errors.get(0).getExtensions().get("status")).isEqualTo(422);
                    assertThat(errors.get(0).getExtensions().get("errors").toString()).contains("/structuredData");
                });

        graphQl.document("mutation($id: ID!) { deleteShard(id: $id) }").variable("id", id).execute()
                .path("deleteShard").entity(Boolean.class).isEqualTo(true);
        graphQl.document("query($id: ID!) { shard(id: $id) { id } }").variable("id", id).execute().path("shard").valueIsNull();
        graphQl.document("mutation($id: ID!) { restoreShard(id: $id) { status revision revisions(first: 2) { nodes { revision status } pageInfo { hasNextPage } } } }")
                .variable("id", id).execute()
                .path("restoreShard.status").entity(String.class).isEqualTo("active")
                .path("restoreShard.revision").entity(Integer.class).isEqualTo(4)
                .path("restoreShard.revisions.nodes[*].revision").entityList(Integer.class).containsExactly(4, 3)
                .path("restoreShard.revisions.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        Integer audited = tenants.inTenant(tenant.id(), () -> jdbc.sql("select count(*) from audit_log where resource_id = ?")
                .param(id).query(Integer.class).single());
        assertThat(audited).isEqualTo(4);

        JsonNode contact = tenant.createShard("c_contact", Api.object().put("lastName", "Lovelace"));
        String link = "mutation($s: ID!, $t: ID!) { createRelationship(input: {sourceId: $s, targetId: $t, type: \"has_contact\", properties: {role: \"buyer\"}}) { id type properties } }";
        graphQl.document(link).variable("s", id).variable("t", contact.get("id").asString()).execute()
                .path("createRelationship.properties.role").entity(String.class).isEqualTo("buyer");
        graphQl.document(link).variable("s", id).variable("t", contact.get("id").asString()).execute().errors()
                .satisfy(errors -> assertThat(code(errors.get(0))).isEqualTo("CONFLICT"));
        graphQl.document("mutation { shard: deleteShard(id: \"not-a-uuid\") }").execute().errors()
                .satisfy(errors -> assertThat(code(errors.get(0))).isEqualTo("VALIDATION"));
    }

    @Test
    void shardTypesAreCreatedAndChangedByAdminsOnly() {
        TestTenant tenant = newTenant();
        HttpGraphQlTester graphQl = graphQl(tenant);
        String create = "mutation($input: ShardTypeInput!) { createShardType(input: $input) { name system schema } }";
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("title", Map.of("type", "string")), "required", List.of("title"));
        graphQl.document(create).variable("input", Map.of("name", "x_ticket", "schema", schema)).execute()
                .path("createShardType.name").entity(String.class).isEqualTo("x_ticket")
                .path("createShardType.system").entity(Boolean.class).isEqualTo(false);
        graphQl.document("mutation($input: ShardTypeInput!) { updateShardType(name: \"x_ticket\", input: $input) { displayName } }")
                .variable("input", Map.of("name", "x_ticket", "displayName", "Ticket", "schema", schema)).execute()
                .path("updateShardType.displayName").entity(String.class).isEqualTo("Ticket");

        TestTenant.Member member = addUser(tenant, "member");
        graphQl(member).document(create).variable("input", Map.of("name", "x_other", "schema", schema)).execute().errors()
                .satisfy(errors -> assertThat(code(errors.get(0))).isEqualTo("FORBIDDEN"));
        TestTenant.Member viewer = addUser(tenant, "viewer");
        graphQl(viewer).document("mutation { createShard(input: {shardType: \"x_ticket\", structuredData: {title: \"t\"}}) { id } }").execute()
                .errors().satisfy(errors -> assertThat(code(errors.get(0))).isEqualTo("FORBIDDEN"));
    }

    @Test
    void anotherTenantsShardsAreInvisibleThroughEveryPath() {
        TestTenant mine = newTenant();
        TestTenant theirs = newTenant();
        JsonNode own = mine.account("Mine");
        JsonNode foreign = theirs.account("Theirs");
        JsonNode foreignContact = theirs.createShard("c_contact", Api.object().put("lastName", "Secret"));
        theirs.link(foreign, foreignContact, "has_contact");
        String foreignId = foreign.get("id").asString();
        HttpGraphQlTester graphQl = graphQl(mine);

        graphQl.document("query($id: ID!) { shard(id: $id) { id } }").variable("id", foreignId).execute().path("shard").valueIsNull();
        graphQl.document("{ shards { edges { node { id } } } }").execute()
                .path("shards.edges[*].node.id").entityList(String.class).containsExactly(own.get("id").asString());
        graphQl.document("query($id: ID!) { shard(id: $id) { related { id } relationships { id } } }").variable("id", own.get("id").asString())
                .execute().path("shard.related").entityList(Object.class).hasSize(0)
                .path("shard.relationships").entityList(Object.class).hasSize(0);
        graphQl.document("mutation($s: ID!, $t: ID!) { createRelationship(input: {sourceId: $s, targetId: $t, type: \"has_contact\"}) { id } }")
                .variable("s", own.get("id").asString()).variable("t", foreignId).execute().errors()
                .satisfy(errors -> assertThat(code(errors.get(0))).isEqualTo("NOT_FOUND"));
        graphQl.document("mutation($id: ID!) { updateShard(id: $id, patch: {status: \"archived\"}) { id } }").variable("id", foreignId)
                .execute().errors().satisfy(errors -> assertThat(code(errors.get(0))).isEqualTo("NOT_FOUND"));
        graphQl.document("mutation($id: ID!) { deleteShard(id: $id) }").variable("id", foreignId)
                .execute().errors().satisfy(errors -> assertThat(code(errors.get(0))).isEqualTo("NOT_FOUND"));
        assertThat(theirs.api().get("shards/" + foreignId).json().get("status").asString()).isEqualTo("active");
    }

    @Test
    void aclHiddenShardsStayHiddenInNestedFields() {
        TestTenant tenant = newTenant();
        TestTenant.Member member = addUser(tenant, "member");
        JsonNode account = tenant.account("Open");
        Api.Response secret = tenant.api().post("shards", Api.object().put("shardType", "c_contact")
                .set("structuredData", Api.object().put("lastName", "Hidden"))
                .set("acl", Api.parse("[{\"userId\": \"" + tenant.ownerId() + "\", \"permissions\": [\"read\", \"write\"]}]")));
        assertThat(secret.status()).isEqualTo(201);
        tenant.link(account, secret.json(), "has_contact");
        graphQl(member).document("query($id: ID!) { shard(id: $id) { related { id } relationships { id } } hidden: shard(id: \"" + secret.json().get("id").asString() + "\") { id } }")
                .variable("id", account.get("id").asString()).execute()
                .path("shard.related").entityList(Object.class).hasSize(0)
                .path("shard.relationships").entityList(Object.class).hasSize(0)
                .path("hidden").valueIsNull();
        graphQl(tenant).document("query($id: ID!) { shard(id: $id) { related { id } } }").variable("id", account.get("id").asString())
                .execute().path("shard.related").entityList(Object.class).hasSize(1);
    }

    @Test
    void noCredentialIsRefusedLikeRest() {
        Api.Response response = anonymous.post("graphql", Api.object().put("query", "{ shards { edges { node { id } } } }"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void graphQlRequestsCountAgainstTheRateLimits() {
        TestTenant tenant = newTenant();
        Api.Response response = tenant.api().post("graphql", Api.object().put("query", "{ me { user { id } } }"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("RateLimit-Limit")).isNotNull();
        assertThat(response.header("RateLimit-Remaining")).isNotNull();
    }

    @Test
    void graphiQlIsServedInEmbeddedMode() {
        Api.Response response = anonymous.get("/graphiql?path=/api/v1/graphql");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).containsIgnoringCase("graphiql");
        assertThat(response.header("Content-Security-Policy")).contains("https://esm.sh");
    }

    @Test
    void schemaIsExportedAsSdl() {
        Api.Response response = anonymous.get("/api/v1/graphql/schema.graphqls");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).contains("type Shard {", "related(type: String, direction: Direction = OUT", "type Subscription {");
    }
}
