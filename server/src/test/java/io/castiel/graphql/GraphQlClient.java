package io.castiel.graphql;

import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

/** HttpGraphQlTester over real HTTP to the running server, so every call passes the whole filter chain. */
final class GraphQlClient {

    static final String PATH = "/api/v1/graphql";

    private GraphQlClient() {
    }

    static HttpGraphQlTester as(int port, String token) {
        WebTestClient.Builder client = WebTestClient.bindToServer(new JdkClientHttpConnector()).baseUrl("http://localhost:" + port + PATH)
                .responseTimeout(java.time.Duration.ofSeconds(30));
        if (token != null) {
            client.defaultHeader("Authorization", "Bearer " + token);
        }
        return HttpGraphQlTester.builder(client).build();
    }
}
