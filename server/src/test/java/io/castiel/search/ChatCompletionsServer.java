package io.castiel.search;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

import io.castiel.support.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local OpenAI-compatible chat completions endpoint ({@code POST /v1/chat/completions}) that
 * records every request and answers with one sentence citing the first record of the prompt and
 * one id that was never given (which the server must drop). A question containing "(fail)" gets a
 * 500, as from a broken provider.
 */
final class ChatCompletionsServer implements AutoCloseable {

    static final UUID INVENTED = UUID.fromString("00000000-0000-4000-8000-00000000beef");
    private static final Pattern FIRST_RECORD = Pattern.compile("<record id=\"([0-9a-f-]{36})\">");

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    ChatCompletionsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            JsonNode request = Api.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            String user = request.at("/messages/1/content").asString("");
            byte[] body;
            int status;
            if (user.contains("(fail)")) {
                status = 500;
                body = "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}".getBytes(StandardCharsets.UTF_8);
            } else {
                Matcher record = FIRST_RECORD.matcher(user);
                String cited = record.find() ? record.group(1) : UUID.randomUUID().toString();
                String content = "The customer finds the price too high [" + cited + "] and wants a discount [" + INVENTED + "].";
                ObjectNode completion = Api.object().put("id", "chatcmpl-test").put("object", "chat.completion").put("created", 0)
                        .put("model", request.path("model").asString("test"));
                completion.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("message")
                        .put("role", "assistant").put("content", content);
                completion.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 10).put("total_tokens", 20);
                status = 200;
                body = completion.toString().getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    List<JsonNode> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
