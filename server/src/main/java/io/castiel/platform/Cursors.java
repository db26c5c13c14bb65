package io.castiel.platform;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Opaque, tamper-evident pagination cursors: a JSON position signed by {@link SignedValues}. A
 * cursor that was altered, truncated or made up is a 400, never a query.
 */
@Component
public class Cursors {

    private static final String PURPOSE = "cursor";

    private final SignedValues signed;
    private final JsonMapper json;

    Cursors(SignedValues signed, JsonMapper json) {
        this.signed = signed;
        this.json = json;
    }

    public String encode(JsonNode position) {
        return signed.sign(PURPOSE, json.writeValueAsBytes(position));
    }

    public JsonNode decode(String cursor) {
        if (cursor.length() > 4096) {
            throw invalid();
        }
        return json.readTree(signed.verify(PURPOSE, cursor).orElseThrow(Cursors::invalid));
    }

    /** The position the request's cursor carries, or null for a first page. */
    public JsonNode position(PageRequest request) {
        return request.cursor() == null ? null : decode(request.cursor());
    }

    /**
     * For a list ordered by id: the id the request's cursor carries under {@code field}, or null
     * for a first page. A cursor of another list (no such field) is a 400.
     */
    public UUID afterId(PageRequest request, String field) {
        JsonNode position = position(request);
        if (position == null) {
            return null;
        }
        if (!position.path(field).isString()) {
            throw ApiException.badRequest("The cursor does not belong to this list", "/cursor");
        }
        return UUID.fromString(position.get(field).asString());
    }

    /**
     * The page of {@code rows} (fetched with {@link PageRequest#rowsToFetch()}): its first
     * {@code limit}, and when more follow, a cursor at the last of them made by {@code position}.
     */
    public <T> Page<T> page(List<T> rows, PageRequest request, Function<T, JsonNode> position) {
        if (rows.size() <= request.limit()) {
            return new Page<>(rows, null);
        }
        List<T> page = List.copyOf(rows.subList(0, request.limit()));
        return new Page<>(page, encode(position.apply(page.get(page.size() - 1))));
    }

    /** As {@link #page(List, PageRequest, Function)} for a list ordered by id: the cursor is that id under {@code field}. */
    public <T> Page<T> pageById(List<T> rows, PageRequest request, String field, Function<T, UUID> id) {
        return page(rows, request, row -> JsonNodeFactory.instance.objectNode().put(field, id.apply(row).toString()));
    }

    private static ApiException invalid() {
        return ApiException.badRequest("The cursor is invalid: pass back exactly the nextCursor of a previous page", "/cursor");
    }
}
