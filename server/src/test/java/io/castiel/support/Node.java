package io.castiel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.castiel.CastielApplication;
import tools.jackson.databind.JsonNode;

/**
 * A whole Castiel server started by a test with its own settings, independent of the shared test
 * context (whose limits never trip): its own home directory, a random port, mail to its outbox.
 */
public final class Node implements AutoCloseable {

    public final ConfigurableApplicationContext context;
    public final Path home;
    public final int port;

    private Node(ConfigurableApplicationContext context, Path home) {
        this.context = context;
        this.home = home;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Starts a node with {@code settings} as {@code name=value} (no leading dashes). */
    public static Node start(String... settings) {
        try {
            return startIn(Files.createTempDirectory("castiel-node-"), settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a node on the home {@code home}: a restart when an earlier node used it. */
    public static Node startIn(Path home, String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--castiel.home=" + home, "--spring.main.banner-mode=off"));
        for (String setting : settings) {
            args.add("--" + setting);
        }
        return new Node(SpringApplication.run(CastielApplication.class, args.toArray(String[]::new)), home);
    }

    /**
     * Starts two nodes of one installation with the same {@code settings}, as behind a load balancer:
     * A in embedded mode, B in server mode on A's database ({@link #startServerNodeOnSameDatabase(String...)}).
     */
    public static Pair startPair(String... settings) {
        Node a = start(settings);
        try {
            return new Pair(a, a.startServerNodeOnSameDatabase(settings));
        } catch (RuntimeException | Error e) {
            a.close();
            throw e;
        }
    }

    /**
     * Starts a second node in server mode on this (embedded-mode) node's PostgreSQL, with its
     * signing key and installation secret, as another node behind the same load balancer would run.
     */
    public Node startServerNodeOnSameDatabase(String... settings) {
        return startServerNodeOnSameDatabase(UnaryOperator.identity(), settings);
    }

    /** As {@link #startServerNodeOnSameDatabase(String...)}, with the JDBC URL rewritten (through a {@link TcpRelay}, say). */
    public Node startServerNodeOnSameDatabase(UnaryOperator<String> url, String... settings) {
        JdbcConnectionDetails app = context.getBean(JdbcConnectionDetails.class);
        FlywayConnectionDetails owner = context.getBean(FlywayConnectionDetails.class);
        try {
            List<String> all = new ArrayList<>(List.of("spring.profiles.active=server", "castiel.db.url=" + url.apply(app.getJdbcUrl()),
                    "castiel.db.user=" + app.getUsername(), "castiel.db.password=" + app.getPassword(),
                    "castiel.db.migration-user=" + owner.getUsername(), "castiel.db.migration-password=" + owner.getPassword(),
                    "castiel.security.jwt-private-key=" + Files.readString(home.resolve("keys").resolve("jwt-signing.pem")),
                    "castiel.security.secret-key=" + Files.readString(home.resolve("keys").resolve("secret.key")).trim()));
            all.addAll(List.of(settings));
            return start(all.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An anonymous client of this node. */
    public Api api() {
        return new Api(port, null);
    }

    /** An anonymous client that says it comes from {@code ip} (X-Forwarded-For, trusted from a local proxy). */
    public Api from(String ip) {
        return new Api(port, null).withHeader("X-Forwarded-For", ip);
    }

    /** Registers a new tenant from {@code ip}; the owner's client keeps sending from that address. */
    public Owner register(String ip) {
        String email = "owner-" + UUID.randomUUID() + "@example.test";
        Api.Response response = from(ip).post("auth/register", Api.object().put("tenantName", "Limits " + UUID.randomUUID())
                .put("email", email).put("password", TestTenant.PASSWORD).put("name", "Owner"));
        if (response.status() != 201) {
            throw new IllegalStateException("register failed: " + response);
        }
        JsonNode body = response.json();
        return new Owner(UUID.fromString(body.at("/tenant/id").asString()), UUID.fromString(body.at("/user/id").asString()), email,
                from(ip).withToken(body.get("accessToken").asString()));
    }

    /** Registers a new tenant from this machine. */
    public Owner register() {
        return register("127.0.0.1");
    }

    public record Owner(UUID tenantId, UUID userId, String email, Api api) {
    }

    /** Two nodes from {@link #startPair}; closing stops B first, as it uses A's database. */
    public record Pair(Node a, Node b) implements AutoCloseable {

        @Override
        public void close() {
            try {
                b.close();
            } finally {
                a.close();
            }
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
