package io.castiel.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code castiel.mail.*}: the sender address and the public base URL that links in emails point at
 * (the web app or API host users reach, e.g. {@code https://castiel.example.com}).
 */
@ConfigurationProperties("castiel.mail")
public record MailProperties(
        @DefaultValue("Castiel <no-reply@castiel.local>") String from,
        @DefaultValue("http://localhost:8080") String linkBaseUrl) {

    /** {@code linkBaseUrl} joined with a path that starts with a slash. */
    public String link(String path) {
        String base = linkBaseUrl.endsWith("/") ? linkBaseUrl.substring(0, linkBaseUrl.length() - 1) : linkBaseUrl;
        return base + path;
    }
}
