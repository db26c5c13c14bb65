package io.castiel.platform.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code castiel.cors.*}: the browser origins (e.g. {@code https://app.example.com}) allowed to
 * call the API cross-origin. Empty by default: only same-origin pages (the bundled web app and
 * Swagger UI) can. {@code maxAge} is how long a browser may cache a preflight answer.
 */
@ConfigurationProperties("castiel.cors")
record CorsProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {
}
