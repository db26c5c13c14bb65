package io.castiel.platform.internal;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.castiel.platform.ApiException;
import io.castiel.platform.JsonProblems;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * Every error leaves as RFC 9457 problem+json: our own {@link ApiException}s, Spring MVC's (404,
 * 405, 415, malformed bodies, type mismatches), a database that cannot be reached (a 503 to
 * retry, see {@link DatabaseFailures}) and anything unexpected, which is logged and answered with
 * a 500 that carries no internals.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    private final DatabaseFailures databaseFailures;

    ProblemHandling(DatabaseFailures databaseFailures) {
        this.databaseFailures = databaseFailures;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.title());
        if (!e.errors().isEmpty()) {
            problem.setProperty("errors", e.errors());
        }
        return respond(problem, e.status());
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<Object> denied(Exception e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Your role does not allow this action");
        problem.setTitle("Forbidden");
        return respond(problem, HttpStatus.FORBIDDEN);
    }

    /**
     * A constraint the database enforces. Data exceptions (SQLSTATE class 22, such as a NUL
     * character PostgreSQL cannot store) are bad input; the rest are conflicts with stored data.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> integrity(DataIntegrityViolationException e) {
        log.debug("Integrity violation", e);
        String state = e.getMostSpecificCause() instanceof SQLException sql ? sql.getSQLState() : null;
        if (state != null && state.startsWith("22")) {
            return respond(badRequest("A value in the request cannot be stored (for example a NUL character in a string)"),
                    HttpStatus.BAD_REQUEST);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The change conflicts with existing data");
        problem.setTitle("Conflict");
        return respond(problem, HttpStatus.CONFLICT);
    }

    /** Tomcat could not percent-decode a query or form parameter (a stray "%"): the client's input. */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<Object> undecodableParameter(Exception e) {
        return respond(badRequest("A request parameter is not validly percent-encoded"), HttpStatus.BAD_REQUEST);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<?> unexpected(Exception e) {
        // Whatever wrapped it: a database outage is not a bug, and the request may be retried.
        var database = databaseFailures.recognise(e, "request");
        if (database.isPresent()) {
            return database.get().response();
        }
        log.error("Unhandled error", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; it has been logged");
        problem.setTitle("Internal server error");
        return respond(problem, HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof RequestBodyLimit.BodyTooLargeException) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, cause.getMessage());
                problem.setTitle("Content too large");
                return respond(problem, HttpStatus.CONTENT_TOO_LARGE);
            }
            if (cause instanceof StreamConstraintsException limit) {
                return respond(badRequest("The JSON body exceeds a limit: " + JsonProblems.describe(limit)), HttpStatus.BAD_REQUEST);
            }
            cause = cause.getCause();
        }
        if (e.getCause() == null) {
            return respond(badRequest("The request body is missing"), HttpStatus.BAD_REQUEST);
        }
        return respond(badRequest("The request body could not be read: " + JsonProblems.describe(e)), HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<ApiException.FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new ApiException.FieldError("/" + f.getField().replace('.', '/'), f.getDefaultMessage()))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body is invalid");
        problem.setTitle("Bad request");
        problem.setProperty("errors", errors);
        return respond(problem, HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "A request parameter is invalid");
        problem.setTitle("Bad request");
        problem.setProperty("errors", e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(err -> Map.of("parameter", String.valueOf(r.getMethodParameter().getParameterName()),
                                "message", String.valueOf(err.getDefaultMessage()))))
                .toList());
        return respond(problem, HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : ProblemDetail.forStatusAndDetail(status, e.getMessage());
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(URI.create(ProblemTypes.of(status)));
        }
        problem.setInstance(null);
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(status).headers(out).body(problem);
    }

    private static ProblemDetail badRequest(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Bad request");
        return problem;
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem, HttpStatusCode status) {
        problem.setType(URI.create(ProblemTypes.of(status)));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
