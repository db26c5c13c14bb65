package io.castiel.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.castiel.support.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Notes created through the API for the search tests: a title and a text to embed. */
public final class Notes {

    private Notes() {
    }

    /** Creates a {@code c_note} with {@code title} and {@code text}; returns the created shard. */
    public static JsonNode note(Api api, String title, String text) {
        Api.Response response = api.post("shards", Api.object().put("shardType", "c_note")
                .<ObjectNode>set("structuredData", Api.object().put("title", title))
                .set("unstructuredData", Api.object().put("text", text)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }
}
