package io.castiel.identity.internal;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to a correct password when a second factor is due: {@code mfaToken} is opaque, good
 * for 5 minutes and once. {@code mfaSetupRequired} is true when the tenant requires MFA and the
 * user has none yet: the token then only lets them call setup and enable, which answers the pair.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MfaChallenge(boolean mfaRequired, String mfaToken, Boolean mfaSetupRequired) implements LoginAnswer {
}
