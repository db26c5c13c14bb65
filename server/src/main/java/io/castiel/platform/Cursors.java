package io.castiel.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
