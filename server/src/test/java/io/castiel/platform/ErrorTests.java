package io.castiel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.castiel.support.Api;
import io.castiel.support.CastielTest;
import io.castiel.support.TestTenant;
import tools.jackson.databind.JsonNode;

/**
 * Every failure is an RFC 9457 problem (type, title, status, detail) with the right 4xx status,
 * and never leaks a stack trace or Java internals.
 */
class ErrorTests extends CastielTest {

    private static final int ONE_MIB = 1024 * 1024;
    /** The strings that give away a stack trace or Java internals. */
    private static final String[] LEAKS = {"Exception", "at io.", "at org.", "java.", "io.castiel.", "tools.jackson."};
    private static final HttpClient HTTP_1_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    // ---- routing ------------------------------------------------------------------------------

    @Test
    void unknownPathUnderTheApiIsA404Problem() {
        TestTenant tenant = newTenant();

        assertProblem(tenant.api().get("/api/v1/no-such-thing"), 404);
        assertProblem(tenant.api().get("/api/v1/shards/" + UUID.randomUUID() + "/no-such-thing"), 404);
        assertProblem(tenant.api().post("/api/v1/no-such-thing", Api.object()), 404);
    }

    @Test
    void unknownPathOutsideTheApiIsA404Problem() {
        assertProblem(anonymous.get("/no-such-thing"), 404);
        assertProblem(anonymous.get("/api/v2/shards"), 404);
    }

    @Test
    void wrongMethodIsA405Problem() {
        TestTenant tenant = newTenant();

        Api.Response deleteCollection = tenant.api().delete("/api/v1/shards");
        Api.Response putHealth = tenant.api().put("/health", Api.object());
        Api.Response getRelationships = tenant.api().get("/api/v1/relationships");

        assertProblem(deleteCollection, 405);
        assertThat(deleteCollection.header("Allow")).contains("GET").contains("POST");
        assertProblem(putHealth, 405);
        assertProblem(getRelationships, 405);
    }

    // ---- request bodies -----------------------------------------------------------------------

    @Test
    void textPlainBodyIsA415Problem() {
        TestTenant tenant = newTenant();

        assertProblem(tenant.api().raw("POST", "/api/v1/shards", "{\"shardType\":\"c_account\",\"structuredData\":{\"name\":\"A\"}}",
                "text/plain"), 415);
        assertProblem(tenant.api().raw("POST", "/api/v1/relationships", "hello", "text/plain"), 415);
    }

    @Test
    void malformedJsonIsA400Problem() {
        TestTenant tenant = newTenant();

        for (String body : List.of("{\"shardType\": ", "{shardType: 'c_account'}", "not json at all",
                "{\"shardType\":\"c_account\",\"structuredData\":{\"name\":\"A\"}} trailing", "[1,2")) {
            assertProblem(tenant.api().raw("POST", "/api/v1/shards", body, "application/json"), 400);
        }
    }

    @Test
    void missingBodyIsA400Problem() {
        TestTenant tenant = newTenant();

        assertProblemShape(tenant.api().raw("POST", "/api/v1/shards", "", "application/json"), 400);
        assertProblemShape(tenant.api().raw("POST", "/api/v1/relationships", "", "application/json"), 400);
    }

    @Test
    void missingBodyProblemDoesNotLeakTheHandlerSignature() {
        TestTenant tenant = newTenant();

        assertProblem(tenant.api().raw("POST", "/api/v1/shards", "", "application/json"), 400);
        assertProblem(tenant.api().raw("POST", "/api/v1/relationships", "", "application/json"), 400);
    }

    @Test
    void unknownJsonFieldIsA400Problem() {
        TestTenant tenant = newTenant();

        Api.Response shard = tenant.api().post("/api/v1/shards", Api.object().put("shardType", "c_account")
                .put("bogusField", 1).set("structuredData", Api.object().put("name", "A")));
        Api.Response relationship = tenant.api().post("/api/v1/relationships", Api.object()
                .put("sourceId", UUID.randomUUID().toString()).put("targetId", UUID.randomUUID().toString())
                .put("type", "partner_of").put("weight", 3));

        assertProblem(shard, 400);
        assertProblem(relationship, 400);
        assertThat(tenant.api().get("/api/v1/shards").json().get("items")).as("nothing was created").isEmpty();
    }

    @Test
    void wrongJsonTypesAreA4xxProblem() {
        TestTenant tenant = newTenant();

        Api.Response structuredDataNumber = tenant.api().post("/api/v1/shards", Api.object().put("shardType", "c_account")
                .put("structuredData", 5));
        Api.Response shardTypeObject = tenant.api().raw("POST", "/api/v1/shards",
                "{\"shardType\":{\"a\":1},\"structuredData\":{\"name\":\"A\"}}", "application/json");
        Api.Response uuidNotAUuid = tenant.api().post("/api/v1/relationships", Api.object().put("sourceId", "nope")
                .put("targetId", UUID.randomUUID().toString()).put("type", "partner_of"));
        Api.Response arrayBody = tenant.api().raw("POST", "/api/v1/shards", "[]", "application/json");

        assertThat(structuredDataNumber.status()).isBetween(400, 499);
        assertProblem(structuredDataNumber, structuredDataNumber.status());
        assertProblem(shardTypeObject, 400);
        assertProblem(uuidNotAUuid, 400);
        assertThat(arrayBody.status()).isBetween(400, 499);
        assertProblem(arrayBody, arrayBody.status());
    }

    @Test
    void wrongJsonTypeForAListFieldIsA400Problem() {
        TestTenant tenant = newTenant();

        assertProblemShape(tenant.api().raw("POST", "/api/v1/shards/bulk", "{\"items\":5}", "application/json"), 400);
        assertProblemShape(tenant.api().raw("POST", "/api/v1/shard-types",
                "{\"name\":\"abc\",\"schema\":{\"type\":\"object\"},\"embedFields\":\"x\"}", "application/json"), 400);
    }

    @Test
    void wrongJsonTypeForAListFieldDoesNotNameJavaTypes() {
        TestTenant tenant = newTenant();

        assertProblem(tenant.api().raw("POST", "/api/v1/shards/bulk", "{\"items\":5}", "application/json"), 400);
        assertProblem(tenant.api().raw("POST", "/api/v1/shard-types",
                "{\"name\":\"abc\",\"schema\":{\"type\":\"object\"},\"embedFields\":\"x\"}", "application/json"), 400);
    }

    @Test
    void bulkItemErrorsDoNotNameJavaTypes() {
        TestTenant tenant = newTenant();

        Api.Response response = tenant.api().raw("POST", "/api/v1/shards/bulk",
                "{\"items\":[{\"shardType\":{\"a\":1},\"structuredData\":{\"name\":\"A\"}}]}", "application/json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().at("/results/0/status").asInt()).isEqualTo(400);
        assertThat(response.text()).doesNotContain(LEAKS);
    }

    @Test
    void nulCharactersAreBadInputNotAConflict() {
        TestTenant tenant = newTenant();
        String target = tenant.account("Target").get("id").asString();

        Api.Response shard = tenant.api().raw("POST", "/api/v1/shards",
                "{\"shardType\":\"c_account\",\"structuredData\":{\"name\":\"a\\u0000b\"}}", "application/json");
        Api.Response relationship = tenant.api().raw("POST", "/api/v1/relationships", "{\"sourceId\":\"" + target
                + "\",\"targetId\":\"" + target + "\",\"type\":\"self_ref\",\"properties\":{\"x\":\"\\u0000\"}}",
                "application/json");
        Api.Response search = tenant.api().get("/api/v1/shards?q=%00");

        assertThat(shard.status()).as(shard.toString()).isIn(400, 422);
        assertProblem(shard, shard.status());
        assertThat(relationship.status()).as(relationship.toString()).isIn(400, 422);
        assertProblem(relationship, relationship.status());
        assertProblem(search, 400);
    }

    @Test
    void bodyOverOneMebibyteWithContentLengthIsA413Problem() throws Exception {
        TestTenant tenant = newTenant();
        byte[] body = oversizedShard();

        HttpResponse<String> response = HTTP_1_1.send(HttpRequest.newBuilder(uri("/api/v1/shards"))
                .header("Authorization", "Bearer " + tenant.api().token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertProblem(toResponse(response), 413);
        assertThat(tenant.api().get("/api/v1/shards").json().get("items")).isEmpty();
    }

    @Test
    void chunkedBodyOverOneMebibyteIsA413Problem() throws Exception {
        TestTenant tenant = newTenant();
        byte[] body = oversizedShard();

        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/shards"))
                .header("Authorization", "Bearer " + tenant.api().token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .timeout(Duration.ofSeconds(30)).build();
        assertThat(request.bodyPublisher().orElseThrow().contentLength()).as("sent chunked, without Content-Length").isNegative();
        HttpResponse<String> response = HTTP_1_1.send(request, HttpResponse.BodyHandlers.ofString());

        assertProblem(toResponse(response), 413);
        assertThat(tenant.api().get("/api/v1/shards").json().get("items")).isEmpty();
    }

    @Test
    void chunkedBodyUnderTheLimitIsAccepted() throws Exception {
        TestTenant tenant = newTenant();
        byte[] body = "{\"shardType\":\"c_account\",\"structuredData\":{\"name\":\"Chunked\"}}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = HTTP_1_1.send(HttpRequest.newBuilder(uri("/api/v1/shards"))
                .header("Authorization", "Bearer " + tenant.api().token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    void jsonNestedFortyDeepIsA400Problem() {
        TestTenant tenant = newTenant();
        String created = tenant.account("Shallow").get("id").asString();

        assertProblemShape(tenant.api().raw("POST", "/api/v1/shards", deepShard(), "application/json"), 400);
        assertProblemShape(tenant.api().raw("POST", "/api/v1/shards/bulk", "{\"items\":[" + deepShard() + "]}", "application/json"), 400);
        assertProblem(tenant.api().raw("PATCH", "/api/v1/shards/" + created, "{\"structuredData\":{\"deep\":" + nested(40) + "}}",
                "application/merge-patch+json"), 400);
        assertThat(tenant.api().get("/api/v1/shards").json().get("items")).hasSize(1);
    }

    @Test
    void jsonNestedWithinTheLimitIsAccepted() {
        TestTenant tenant = newTenant();
        String shard = "{\"shardType\":\"c_account\",\"structuredData\":{\"name\":\"Deep\",\"deep\":" + nested(20) + "}}";

        assertThat(tenant.api().raw("POST", "/api/v1/shards", shard, "application/json").status()).isEqualTo(201);
    }

    @Test
    void jsonNestedFortyDeepProblemDoesNotLeakJavaInternals() {
        TestTenant tenant = newTenant();

        assertProblem(tenant.api().raw("POST", "/api/v1/shards", deepShard(), "application/json"), 400);
        assertProblem(tenant.api().raw("POST", "/api/v1/shards/bulk", "{\"items\":[" + deepShard() + "]}", "application/json"), 400);
    }

    // ---- parameters ---------------------------------------------------------------------------

    @Test
    void invalidUuidInPathIsA400Problem() {
        TestTenant tenant = newTenant();

        assertProblem(tenant.api().get("/api/v1/shards/not-a-uuid"), 400);
        assertProblem(tenant.api().delete("/api/v1/shards/12345"), 400);
        assertProblem(tenant.api().get("/api/v1/shards/not-a-uuid/graph"), 400);
        assertProblem(tenant.api().delete("/api/v1/relationships/not-a-uuid"), 400);
    }

    @Test
    void badCursorIsA400Problem() {
        TestTenant tenant = newTenant();

        assertProblem(tenant.api().get("/api/v1/shards?cursor=garbage"), 400);
        assertProblem(tenant.api().get("/api/v1/shards?cursor=eyJrIjoxfQ.AAAAAAAAAAAAAAAAAAAAAA"), 400);
        assertProblem(tenant.api().get("/api/v1/shards?cursor=%25%25%25.%25%25"), 400);
        assertProblem(tenant.api().get("/api/v1/audit-logs?cursor=garbage"), 400);
    }

    @Test
    void nonNumericLimitIsA400Problem() {
        TestTenant tenant = newTenant();

        assertProblem(tenant.api().get("/api/v1/shards?limit=abc"), 400);
        assertProblem(tenant.api().get("/api/v1/shards?limit=0"), 400);
        assertProblem(tenant.api().get("/api/v1/shards?limit=501"), 400);
        assertProblem(tenant.api().get("/api/v1/shards?limit=99999999999999"), 400);
        assertProblem(tenant.api().get("/api/v1/audit-logs?limit=abc"), 400);
    }

    @Test
    void malformedQueryParametersAreA400Problem() {
        TestTenant tenant = newTenant();

        String id = tenant.account("A").get("id").asString();
        assertProblem(tenant.api().get("/api/v1/shards/" + id + "?includeDeleted=maybe"), 400);
        assertProblem(tenant.api().get("/api/v1/shards/" + id + "/revisions/abc"), 400);
        assertProblem(tenant.api().get("/api/v1/shards/" + id + "/graph?depth=abc"), 400);
        assertProblem(tenant.api().get("/api/v1/audit-logs?from=yesterday"), 400);
        assertProblem(tenant.api().get("/api/v1/audit-logs?actorId=nobody"), 400);
        assertProblem(tenant.api().get("/api/v1/shards?where=nonsense"), 400);
        assertProblem(tenant.api().get("/api/v1/shards?sort=%27%3Bdrop"), 400);
    }

    @Test
    void pathsTheFirewallRejectsAreA400Problem() {
        TestTenant tenant = newTenant();

        assertProblem(tenant.api().get("/api/v1/shards/a;b"), 400);
        assertProblem(tenant.api().get("/api/v1//shards"), 400);
        assertProblem(tenant.api().get("/api/v1/shards/%2e%2e/x"), 400);
    }

    /** Tomcat refuses this before Spring sees it; its error report must still be a problem. */
    @Test
    void encodedSlashInPathIsA400Problem() {
        TestTenant tenant = newTenant();

        assertProblem(tenant.api().get("/api/v1/shards/a%2Fb"), 400);
    }

    // ---- authentication -----------------------------------------------------------------------

    @Test
    void missingTokenIsA401Problem() {
        assertProblem(anonymous.get("/api/v1/shards"), 401);
        assertProblem(anonymous.post("/api/v1/shards", Api.object()), 401);
        assertProblem(anonymous.get("/api/v1/me"), 401);
    }

    @Test
    void garbageTokenIsA401Problem() {
        assertProblem(anonymous.withToken("garbage").get("/api/v1/shards"), 401);
        assertProblem(anonymous.withToken("a.b.c").get("/api/v1/me"), 401);
        assertProblem(anonymous.withToken("ck_not_a_real_key").get("/api/v1/me"), 401);
        assertProblem(anonymous.withHeader("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/me"), 401);
    }

    // ---- operations ---------------------------------------------------------------------------

    @Test
    void healthIsUpWithoutAToken() {
        Api.Response health = anonymous.get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.contentType()).startsWith("application/json");
        assertThat(health.json()).isEqualTo(Api.parse("{\"status\":\"UP\"}"));
    }

    @Test
    void livenessAndReadinessProbesAreUp() {
        Api.Response liveness = anonymous.get("/actuator/health/liveness");
        Api.Response readiness = anonymous.get("/actuator/health/readiness");

        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().get("status").asString()).isEqualTo("UP");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** A problem with the right status and fields, and nothing internal in it. */
    private static void assertProblem(Api.Response response, int status) {
        assertProblemShape(response, status);
        assertThat(response.text()).as("no internals leak").doesNotContain(LEAKS);
    }

    /** A problem with the right status and fields (leaks are checked separately where a known bug makes them). */
    private static void assertProblemShape(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.path("type").isString()).as(response.toString()).isTrue();
        assertThat(body.path("type").asString()).isNotBlank();
        assertThat(body.path("title").isString()).as(response.toString()).isTrue();
        assertThat(body.path("title").asString()).isNotBlank();
        assertThat(body.path("status").asInt()).as(response.toString()).isEqualTo(status);
        assertThat(body.path("detail").isString()).as(response.toString()).isTrue();
        assertThat(body.path("detail").asString()).isNotBlank();
        assertThat(response.text()).as("no stack trace").doesNotContain("\tat ", "at io.", "at org.", "at java.");
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static Api.Response toResponse(HttpResponse<String> response) {
        return new Api.Response(response.statusCode(), response.headers().map(), response.body());
    }

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private static String deepShard() {
        return "{\"shardType\":\"c_account\",\"structuredData\":{\"name\":\"Deep\",\"deep\":" + nested(40) + "}}";
    }

    /** A shard create body just over 1 MiB, all of it one string. */
    private static byte[] oversizedShard() {
        String text = "x".repeat(ONE_MIB + 1024);
        return ("{\"shardType\":\"c_account\",\"structuredData\":{\"name\":\"" + text + "\"}}").getBytes(StandardCharsets.UTF_8);
    }
}
