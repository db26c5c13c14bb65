package io.castiel.identity.internal;

/**
 * What a password login answers: the token pair, or (MFA on, or required by the tenant) a
 * challenge to finish with {@code POST /auth/mfa/verify} or by enrolling.
 */
public sealed interface LoginAnswer permits TokenPair, MfaChallenge {
}
