package io.castiel.shard;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The outcome of one bulk item: {@code status} is the HTTP status it would have had alone. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkResult(int index, int status, UUID id, BulkError error) {

    /** Why an item failed, in the shape of a problem body. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record BulkError(String title, String detail, java.util.List<io.castiel.platform.ApiException.FieldError> errors) {
    }
}
