package io.castiel.platform.internal;

import org.springframework.http.HttpStatusCode;

/** Problem {@code type} URIs: one per status, documented at the same place as the API. */
final class ProblemTypes {

    private ProblemTypes() {
    }

    static String of(HttpStatusCode status) {
        return "https://castiel.dev/problems/" + status.value();
    }
}
