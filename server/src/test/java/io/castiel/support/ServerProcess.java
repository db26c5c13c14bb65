package io.castiel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.castiel.CastielApplication;

/**
 * Castiel in a child JVM, as {@code java -jar} runs it, so that a test can do to it what an
 * operator or the kernel does to a server: {@code kill -9} it, kill its PostgreSQL, start it again
 * on the same home. It runs the test classpath (the jar is built after the tests) with the given
 * settings; its output goes to {@code castiel-<n>.log} beside the home (the home may be a small
 * file system a test fills up).
 */
public final class ServerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public final Path home;
    public final int port;
    public final Path log;
    private final Process process;
    private final long startedNanos;

    private ServerProcess(Path home, int port, Path log, Process process, long startedNanos) {
        this.home = home;
        this.port = port;
        this.log = log;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /** Starts a server on {@code home} with {@code settings} ({@code name=value}); does not wait for it. */
    public static ServerProcess launch(Path home, String... settings) {
        try {
            Files.createDirectories(home);
            int port = freePort();
            Path log;
            int n = 1;
            do {
                log = home.toAbsolutePath().getParent().resolve("castiel-" + n++ + ".log");
            } while (Files.exists(log));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m", "-cp", System.getProperty("java.class.path"), CastielApplication.class.getName(),
                    "--server.port=" + port, "--castiel.home=" + home, "--spring.main.banner-mode=off"));
            for (String setting : settings) {
                command.add("--" + setting);
            }
            long started = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ServerProcess(home, port, log, process, started);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a server and waits until it serves; returns it. */
    public static ServerProcess start(Path home, String... settings) {
        ServerProcess server = launch(home, settings);
        server.awaitServing(Duration.ofSeconds(120));
        return server;
    }

    /** Waits until {@code /health} answers 200; returns the seconds since launch. */
    public double awaitServing(Duration timeout) {
        if (Eventually.until(this::health, status -> status == 200, timeout) != 200) {
            throw new IllegalStateException("The server did not serve within " + timeout + ":\n" + tail(40));
        }
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** {@code /health}'s status, 0 while nothing listens yet. */
    private int health() {
        if (!process.isAlive()) {
            throw new IllegalStateException("The server exited with " + process.exitValue() + " before serving:\n" + tail(40));
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers a tenant; returns its owner's access token. */
    public String register(String tenantName) {
        Api.Response registered = api(null).post("auth/register", Api.object().put("tenantName", tenantName)
                .put("email", "owner-" + java.util.UUID.randomUUID() + "@example.test").put("password", TestTenant.PASSWORD).put("name", "Owner"));
        if (registered.status() != 201) {
            throw new IllegalStateException("register failed: " + registered);
        }
        return registered.json().get("accessToken").asString();
    }

    public Api api(String token) {
        return new Api(port, token);
    }

    public long pid() {
        return process.pid();
    }

    /** The postmaster this server's home runs, from {@code postmaster.pid}, while it runs. */
    public Optional<ProcessHandle> postgres() {
        try {
            Path pidFile = home.resolve("pgdata").resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code kill -9} of the JVM alone, as the OOM killer does. */
    public void killJvm() {
        process.destroyForcibly();
        await(process.toHandle());
    }

    /** {@code kill -9} of the JVM and of every process it started (the PostgreSQL watchdog). */
    public void killJvmAndItsChildren() {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        children.forEach(ServerProcess::await);
        killJvm();
    }

    /** {@code kill -9} of the JVM, its children and its PostgreSQL with every backend: a power loss, as far as processes go. */
    public void killEverything() {
        List<ProcessHandle> postgres = postgres().map(pm -> Stream.concat(Stream.of(pm), pm.descendants()).toList()).orElse(List.of());
        List<ProcessHandle> children = process.descendants().toList();
        Stream.concat(postgres.stream(), children.stream()).forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        Stream.concat(Stream.concat(postgres.stream(), children.stream()), Stream.of(process.toHandle())).forEach(ServerProcess::await);
    }

    /** SIGTERM, as {@code docker stop} or systemd sends it; waits for the JVM to exit and returns its status. */
    public int stop() {
        process.destroy();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the JVM to exit by itself and returns its status. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("still running after " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String tail(int lines) {
        List<String> all = output().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Whatever a test left running is killed, PostgreSQL included, so no process outlives the test. */
    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
        postgres().ifPresent(pm -> {
            pm.destroyForcibly();
            await(pm);
        });
    }

    private static void await(ProcessHandle handle) {
        try {
            handle.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("process " + handle.pid() + " did not exit", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
