package io.castiel.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A size-limited file system (tmpfs) mounted for one test, to play a full or read-only disk
 * under a real PostgreSQL. Mounting needs root on Linux: where it is refused, {@link #mount}
 * answers empty and the test is skipped.
 */
public final class SmallFileSystem implements AutoCloseable {

    private final Path mountPoint;

    private SmallFileSystem(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    public static Optional<SmallFileSystem> mount(Path mountPoint, int megabytes) {
        try {
            Files.createDirectories(mountPoint);
            if (run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", mountPoint.toString()) != 0) {
                return Optional.empty();
            }
            return Optional.of(new SmallFileSystem(mountPoint));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Path path() {
        return mountPoint;
    }

    public void resize(int megabytes) {
        remount("size=" + megabytes + "m");
    }

    public void readOnly() {
        remount("ro");
    }

    private void remount(String options) {
        try {
            if (run("mount", "-o", "remount," + options, mountPoint.toString()) != 0) {
                throw new IllegalStateException("could not remount " + mountPoint + " with " + options);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            run("umount", "--lazy", mountPoint.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int run(String... command) throws IOException {
        try {
            return new ProcessBuilder(List.of(command)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
