package io.castiel.webapp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.ResponseEntity;

/** A jar built with -Dskip.web=true: the root explains, as a 404, instead of failing. */
class WebAppNotBuiltTests {

    @Test
    void theRootSaysTheAppWasNotBuiltAndHowToBuildIt() {
        WebApp missing = new WebApp("classpath:/no-such-webapp/", new ClassPathResource("no-such-webapp/index.html"));

        ResponseEntity<?> root = new WebAppController(missing).root();

        assertThat(missing.built()).isFalse();
        assertThat(root.getStatusCode().value()).isEqualTo(404);
        assertThat(root.getHeaders().getContentType().toString()).startsWith("text/html");
        assertThat(new String((byte[]) root.getBody(), StandardCharsets.UTF_8)).contains("not built", "skip.web", "mvn");
    }
}
