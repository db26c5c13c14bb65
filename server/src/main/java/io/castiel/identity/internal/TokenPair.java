package io.castiel.identity.internal;

/** What every successful sign-in answers (API.md: login, refresh, MFA verify, tenant switch). */
public record TokenPair(String accessToken, String refreshToken, long expiresIn, String tokenType) implements LoginAnswer {
}
