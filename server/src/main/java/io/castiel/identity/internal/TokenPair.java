package io.castiel.identity.internal;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** What every successful sign-in answers (API.md: login, refresh, MFA verify, tenant switch). */
public record TokenPair(String accessToken, @JsonInclude(JsonInclude.Include.NON_NULL) String refreshToken, long expiresIn,
        String tokenType, @JsonIgnore Instant refreshExpiresAt) implements LoginAnswer, CarriesRefreshToken<TokenPair> {

    @Override
    public TokenPair withoutRefreshToken() {
        return new TokenPair(accessToken, null, expiresIn, tokenType, refreshExpiresAt);
    }
}
