package io.castiel.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * All of Castiel's own configuration, under {@code castiel.*}. Secrets have no defaults outside
 * the embedded mode: there they are generated on first start and kept under {@link #home()}.
 */
@ConfigurationProperties("castiel")
public record CastielProperties(
        @DefaultValue("${user.home}/.castiel") Path home,
        @DefaultValue Database db,
        @DefaultValue Security security,
        @DefaultValue Limits limits) {

    /**
     * Server mode: {@code url}, {@code user}/{@code password} (the request role: owns nothing, no
     * BYPASSRLS) and {@code migrationUser}/{@code migrationPassword} (the owner that runs Flyway).
     * Embedded mode: {@code appRole} and {@code name} are created if missing; {@code embeddedPort}
     * (0: any free port) and {@code synchronousCommit} (PostgreSQL's setting; "off" trades the last
     * few hundred milliseconds of commits on an OS crash for write speed) tune the server.
     * {@code connectionTimeout}: the longest a request waits for a pooled connection; while the
     * database is unreachable that is how long each request takes to get its 503.
     */
    public record Database(
            String url,
            String user,
            String password,
            String migrationUser,
            String migrationPassword,
            @DefaultValue("castiel_app") String appRole,
            @DefaultValue("castiel") String name,
            @DefaultValue("8") int poolSize,
            @DefaultValue("0") int embeddedPort,
            @DefaultValue("on") String synchronousCommit,
            @DefaultValue("5s") Duration connectionTimeout) {
    }

    /**
     * {@code jwtPrivateKey}: a PKCS#8 PEM RSA key (server mode; generated in embedded mode).
     * {@code accessTokenTtl} and {@code refreshTokenTtl} as in API.md; the refresh-token lifetime is
     * an inactivity timeout, and {@code refreshAbsoluteTtl} caps a session counted from its login.
     * {@code audience} goes into and is required in every access token. Key rotation:
     * {@code jwtPreviousPublicKeys} (PEMs) still verify tokens signed before a rotation;
     * {@code rotateKey} makes an embedded installation retire its key on start and make a new one.
     * {@code revocationCheckInterval}: how often open sockets ({@code /ws}, GraphQL) re-check their
     * session or API key, so a revocation closes them within that time.
     */
    public record Security(
            String jwtPrivateKey,
            @DefaultValue("castiel") String issuer,
            @DefaultValue("15m") Duration accessTokenTtl,
            @DefaultValue("7d") Duration refreshTokenTtl,
            @DefaultValue("30d") Duration refreshAbsoluteTtl,
            @DefaultValue("castiel-api") String audience,
            @DefaultValue("false") boolean rotateKey,
            @DefaultValue List<String> jwtPreviousPublicKeys,
            String secretKey,
            @DefaultValue("25s") Duration revocationCheckInterval) {
    }

    /** Request limits: body size and JSON nesting depth. */
    public record Limits(
            @DefaultValue("1MB") DataSize maxRequestBody,
            @DefaultValue("32") int maxJsonDepth) {
    }
}
