package io.castiel.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Opaque, tamper-evident pagination cursors: base64url(JSON position) + "." + a truncated
 * HMAC-SHA256 over it. A cursor that was altered, truncated or made up is a 400, never a query.
 */
@Component
public class Cursors {

    private static final int TAG_BYTES = 16;

    private final SecretKeySpec key;
    private final JsonMapper json;

    Cursors(SigningKeys keys, JsonMapper json) {
        this.key = new SecretKeySpec(keys.macKey(), "HmacSHA256");
        this.json = json;
    }

    public String encode(JsonNode position) {
        byte[] payload = json.writeValueAsBytes(position);
        return b64(payload) + "." + b64(tag(payload));
    }

    public JsonNode decode(String cursor) {
        try {
            int dot = cursor.indexOf('.');
            if (dot <= 0 || cursor.length() > 4096) {
                throw invalid();
            }
            byte[] payload = Base64.getUrlDecoder().decode(cursor.substring(0, dot));
            byte[] tag = Base64.getUrlDecoder().decode(cursor.substring(dot + 1));
            // Unpadded base64 ignores the spare low bits of its last character, so several
            // spellings decode alike; only the one we issued is accepted.
            if (!cursor.equals(b64(payload) + "." + b64(tag)) || !MessageDigest.isEqual(tag, tag(payload))) {
                throw invalid();
            }
            return json.readTree(payload);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
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

    private byte[] tag(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update("cursor:".getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(mac.doFinal(payload), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
