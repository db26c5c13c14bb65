package io.castiel.platform.internal;

import java.net.URI;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The container's error page (errors raised outside Spring MVC, such as in a filter) as
 * problem+json too, replacing Boot's default JSON shape and never showing a stack trace. A
 * database failure that got past {@link DatabaseFailureFilter} (raised by a filter in front of it)
 * is still the 503 it is.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    private final DatabaseFailures databaseFailures;

    ProblemErrorController(DatabaseFailures databaseFailures) {
        this.databaseFailures = databaseFailures;
    }

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable error) {
            var database = databaseFailures.recognise(error, "error page");
            if (database.isPresent()) {
                return database.get().response();
            }
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                status.is5xxServerError() ? "An unexpected error occurred" : status.getReasonPhrase());
        problem.setTitle(status.getReasonPhrase());
        problem.setType(URI.create(ProblemTypes.of(status)));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
