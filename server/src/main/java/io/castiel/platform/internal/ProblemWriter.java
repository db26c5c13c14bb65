package io.castiel.platform.internal;

import java.io.IOException;
import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem+json body from places outside Spring MVC: filters and security handlers. */
@Component
class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    void write(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create(ProblemTypes.of(status)));
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }

    /** A database failure, with its {@code Retry-After} when it has one. */
    void write(HttpServletResponse response, DatabaseFailures.Failure failure) throws IOException {
        if (!response.isCommitted() && failure.retryAfter() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, failure.retryAfterSeconds());
        }
        write(response, failure.status(), failure.title(), failure.detail());
    }
}
