package io.castiel.audit.internal;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The result of re-hashing a tenant's audit chain from its first row. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(boolean valid, long checked, UUID firstBrokenId) {
}
