package io.castiel.platform.internal;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.castiel.platform.SigningKeys;

/**
 * The public keys that verify access tokens (RFC 7517 JWK Set), the signing key first and then
 * those retired by a rotation whose tokens are still accepted. Public and cacheable for five
 * minutes, so that other services can verify tokens without asking the server each time.
 */
@RestController
class JwksController {

    private final Map<String, Object> jwks;

    JwksController(SigningKeys keys) {
        this.jwks = AccessTokenDecoder.jwkSet(keys).toJSONObject(true);
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = {"application/jwk-set+json", "application/json"})
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic()).body(jwks);
    }
}
