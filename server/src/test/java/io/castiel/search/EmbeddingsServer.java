package io.castiel.search;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import io.castiel.support.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local OpenAI-compatible embeddings endpoint ({@code POST /v1/embeddings}) that records each
 * request (body and Authorization header) and embeds text as a hashed bag of words in the
 * requested dimensions: texts sharing words are close. A text containing "wrongdimensions" gets a
 * 3-dimensional vector, as from a misconfigured model.
 */
final class EmbeddingsServer implements AutoCloseable {

    record Request(JsonNode body, String authorization) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    EmbeddingsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/embeddings", exchange -> {
            JsonNode body = Api.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(new Request(body, exchange.getRequestHeaders().getFirst("Authorization")));
            int dimensions = body.path("dimensions").asInt(1536);
            ObjectNode answer = Api.object().put("object", "list").put("model", body.path("model").asString(""));
            ArrayNode data = answer.putArray("data");
            JsonNode input = body.get("input");
            for (int i = 0; i < input.size(); i++) {
                String text = input.get(i).asString();
                ArrayNode vector = data.addObject().put("object", "embedding").put("index", i).putArray("embedding");
                for (double value : bagOfWords(text, text.contains("wrongdimensions") ? 3 : dimensions)) {
                    vector.add(value);
                }
            }
            answer.putObject("usage").put("prompt_tokens", 1).put("total_tokens", 1);
            byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    private static double[] bagOfWords(String text, int dimensions) {
        double[] vector = new double[dimensions];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (word.length() > 2) {
                vector[Math.floorMod(word.hashCode(), dimensions)] += 1;
            }
        }
        double norm = Math.sqrt(java.util.Arrays.stream(vector).map(v -> v * v).sum());
        if (norm > 0) {
            for (int i = 0; i < dimensions; i++) {
                vector[i] /= norm;
            }
        }
        return vector;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    List<Request> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
