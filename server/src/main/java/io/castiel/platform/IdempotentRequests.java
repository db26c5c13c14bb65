package io.castiel.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on creating POSTs. The key is claimed in the same transaction as the
 * creation and the response stored with it, so a repeat (same key, same body, within 24 h)
 * replays the first response; a concurrent repeat waits on the claim and then replays. Reusing a
 * key with a different body is a 422. A failed request stores nothing and may be retried.
 */
@Component
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7E]{1,255}$");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ActorContext actors;
    private final JsonMapper json;

    IdempotentRequests(JdbcClient jdbc, TransactionTemplate transactions, ActorContext actors, JsonMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.actors = actors;
        this.json = json;
    }

    public ResponseEntity<?> run(String key, String route, Object requestBody, Supplier<ResponseEntity<?>> action) {
        if (key == null) {
            return action.get();
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiException.badRequest("Idempotency-Key must be 1 to 255 visible ASCII characters", "/Idempotency-Key");
        }
        Actor actor = actors.current();
        String requestHash = sha256(route + "\n" + json.writeValueAsString(requestBody));
        return transactions.execute(status -> {
            // Claims the key, or reclaims it when its first use is older than 24 h; 0 rows means a
            // live claim exists (a concurrent one is waited for here, until it commits).
            int claimed = jdbc.sql("""
                    insert into idempotency_keys (tenant_id, actor_id, key, request_hash) values (?, ?, ?, ?)
                    on conflict (tenant_id, actor_id, key) do update
                        set request_hash = excluded.request_hash, response_status = null, response_body = null,
                            location = null, etag = null, created_at = now()
                        where idempotency_keys.created_at < now() - interval '24 hours'""")
                    .params(actor.tenantId(), actor.userId(), key, requestHash).update();
            if (claimed == 1) {
                ResponseEntity<?> response = action.get();
                jdbc.sql("""
                        update idempotency_keys set response_status = ?, response_body = ?, location = ?, etag = ?
                        where tenant_id = ? and actor_id = ? and key = ?""")
                        .params(response.getStatusCode().value(), json.writeValueAsString(response.getBody()),
                                response.getHeaders().getFirst(HttpHeaders.LOCATION), response.getHeaders().getETag(),
                                actor.tenantId(), actor.userId(), key)
                        .update();
                return response;
            }
            return jdbc.sql("""
                    select request_hash, response_status, response_body, location, etag from idempotency_keys
                    where tenant_id = ? and actor_id = ? and key = ?""")
                    .params(actor.tenantId(), actor.userId(), key)
                    .query((rs, n) -> {
                        if (!rs.getString("request_hash").equals(requestHash)) {
                            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused",
                                    "This Idempotency-Key was used with a different request; use a new key");
                        }
                        ResponseEntity.BodyBuilder replay = ResponseEntity.status(rs.getInt("response_status"))
                                .contentType(MediaType.APPLICATION_JSON).header("Idempotent-Replayed", "true");
                        if (rs.getString("location") != null) {
                            replay.header(HttpHeaders.LOCATION, rs.getString("location"));
                        }
                        if (rs.getString("etag") != null) {
                            replay.header(HttpHeaders.ETAG, rs.getString("etag"));
                        }
                        return replay.body(rs.getString("response_body"));
                    })
                    .single();
        });
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
