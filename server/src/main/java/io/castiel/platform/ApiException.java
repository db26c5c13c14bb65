package io.castiel.platform;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A client-facing failure: rendered as RFC 9457 problem+json with the given status. Services throw
 * it; the web layer never has to translate business errors itself.
 */
public class ApiException extends RuntimeException {

    /** One failed input location, as a JSON pointer into the request body. */
    public record FieldError(String pointer, String message) {
    }

    private final HttpStatus status;
    private final String title;
    private final List<FieldError> errors;

    public ApiException(HttpStatus status, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public ApiException(HttpStatus status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found", what + " " + id + " does not exist");
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Bad request", detail);
    }

    public static ApiException badRequest(String detail, String pointer) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Bad request", detail, List.of(new FieldError(pointer, detail)));
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, "Conflict", detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "Forbidden", detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
    }

    public static ApiException preconditionFailed(String detail) {
        return new ApiException(HttpStatus.PRECONDITION_FAILED, "Precondition failed", detail);
    }

    public static ApiException unprocessable(String detail, List<FieldError> errors) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Validation failed", detail, errors);
    }
}
