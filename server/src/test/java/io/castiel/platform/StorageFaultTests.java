package io.castiel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.castiel.support.Api;
import io.castiel.support.Eventually;
import io.castiel.support.ServerProcess;
import io.castiel.support.SmallFileSystem;

/**
 * The embedded mode on a disk that fills up or cannot be written, played with a small tmpfs as
 * the home (skipped where mounting is not allowed): a clear refusal, never a corrupt database.
 */
class StorageFaultTests {

    @TempDir
    Path directory;

    @Test
    void aReadOnlyHomeIsRefusedAtStartWithTheReason() {
        SmallFileSystem disk = mounted(16);
        try (disk) {
            disk.readOnly();
            ServerProcess server = ServerProcess.launch(disk.path());
            assertThat(server.awaitExit(Duration.ofSeconds(120))).as("EX_IOERR").isEqualTo(74);
            assertThat(server.output()).contains("APPLICATION FAILED TO START").contains("is not writable");
        }
    }

    /**
     * Writes fill the disk: each one that cannot be made durable is refused with a problem (507 when
     * PostgreSQL reports the full disk, 503 while it restarts after failing to write its WAL), never a
     * 500, and reads go on. Once there is room, writes resume without a restart; after a power loss
     * every acknowledged write is there and the audit chain verifies.
     */
    @Test
    void aFullDiskRefusesWritesWithAProblemResumesWhenThereIsRoomAndLosesNothing() {
        SmallFileSystem disk = mounted(128);
        try (disk) {
            String[] settings = {"castiel.db.synchronous-commit=on", "castiel.rate-limit.enabled=false"};
            List<String> acknowledged = new ArrayList<>();
            Map<Integer, Integer> refusals = new TreeMap<>();
            String token;
            try (ServerProcess server = ServerProcess.start(disk.path(), settings)) {
                token = server.register("Full Disk Inc");
                Api api = server.api(token);
                while (refusals.values().stream().mapToInt(Integer::intValue).sum() < 6) {
                    Api.Response created = write(api, acknowledged.size());
                    if (created.status() == 201) {
                        acknowledged.add(created.json().get("id").asString());
                        assertThat(acknowledged).as("the disk should have filled up by now").hasSizeLessThan(5_000);
                    } else {
                        refusals.merge(created.status(), 1, Integer::sum);
                        assertThat(created.contentType()).startsWith("application/problem+json");
                    }
                }
                System.out.printf("full disk: %d writes acknowledged, then refused: %s%n", acknowledged.size(), refusals);
                assertThat(refusals.keySet()).as("storage full (507) or the database restarting (503), never a 500")
                        .isSubsetOf(503, 507);

                disk.resize(256);
                Api.Response resumed = Eventually.until(() -> write(api, acknowledged.size()), r -> r.status() == 201,
                        Duration.ofSeconds(60));
                assertThat(resumed.status()).as("writes resume once there is room, without a restart").isEqualTo(201);
                acknowledged.add(resumed.json().get("id").asString());
                assertThat(api.get("shards/" + acknowledged.get(0)).status()).isEqualTo(200);

                server.killEverything();
            }

            try (ServerProcess restarted = ServerProcess.start(disk.path(), settings)) {
                Api api = restarted.api(token);
                for (String id : acknowledged) {
                    assertThat(api.get("shards/" + id).status()).as("acknowledged shard " + id).isEqualTo(200);
                }
                assertThat(api.get("audit-logs/verify").json().get("valid").asBoolean()).isTrue();
            }
        }
    }

    private static Api.Response write(Api api, int n) {
        return api.post("shards", Api.object().put("shardType", "c_note").set("structuredData", Api.object().put("title", "n" + n))
                .set("unstructuredData", Api.object().put("text", incompressibleText(100_000))));
    }

    private SmallFileSystem mounted(int megabytes) {
        var disk = SmallFileSystem.mount(directory.resolve("home"), megabytes);
        Assumptions.assumeTrue(disk.isPresent(), "cannot mount a tmpfs here (needs root on Linux): storage faults not tested");
        return disk.get();
    }

    /** Random letters: PostgreSQL's compression gains little on them, so each write takes real room. */
    private static String incompressibleText(int length) {
        StringBuilder text = new StringBuilder(length);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            text.append((char) ((random.nextBoolean() ? 'a' : 'A') + random.nextInt(26)));
        }
        return text.toString();
    }
}
