package io.castiel.webapp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

/** {@code castiel.web.dir}: a web build served from a directory instead of the jar. */
class WebAppDirectoryTests {

    @Test
    void withoutADirectoryTheAppComesFromTheJar() {
        assertThat(new WebAppProperties(null).location()).isEqualTo("classpath:/webapp/");
        assertThat(new WebAppProperties(" ").location()).isEqualTo("classpath:/webapp/");
    }

    @Test
    void aDirectoryIsServedWithItsIndex(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("index.html"), "<!doctype html><title>dev build</title>");

        WebApp app = new WebApp(new WebAppProperties(dir.toString()), new DefaultResourceLoader());

        assertThat(app.location()).startsWith("file:").endsWith("/");
        assertThat(app.built()).isTrue();
        assertThat(app.index().getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("dev build");
    }

    @Test
    void aDirectoryWithoutAnIndexIsNotABuiltApp(@TempDir Path dir) {
        assertThat(new WebApp(new WebAppProperties(dir.toString()), new DefaultResourceLoader()).built()).isFalse();
    }
}
