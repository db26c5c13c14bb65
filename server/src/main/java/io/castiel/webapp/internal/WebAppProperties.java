package io.castiel.webapp.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code castiel.web.dir}: serve the app from this directory (a {@code npm run build} output)
 * instead of the jar's {@code webapp/}, so that the app can be rebuilt and tested in a browser
 * against a running server without rebuilding the jar.
 */
@ConfigurationProperties("castiel.web")
record WebAppProperties(String dir) {

    /** The Spring resource location of the app's files, ending in a slash. */
    String location() {
        if (dir == null || dir.isBlank()) {
            return "classpath:/webapp/";
        }
        String path = java.nio.file.Path.of(dir).toAbsolutePath().normalize().toUri().toString();
        return path.endsWith("/") ? path : path + "/";
    }
}
