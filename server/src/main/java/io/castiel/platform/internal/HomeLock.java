package io.castiel.platform.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code $CASTIEL_HOME/castiel.lock}, held for as long as a Castiel process
 * uses the home. The operating system releases it when the process ends, however it ends (also
 * on {@code kill -9}), so a lock that can be taken proves that no live Castiel owns the home, and
 * a PostgreSQL still running on its data directory was left behind by one that died.
 */
final class HomeLock implements AutoCloseable {

    static final String FILE_NAME = "castiel.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or throws {@link HomeInUseException} naming the process that holds it. */
    static HomeLock acquire(Path home) throws IOException {
        Path file = home.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldByThisProcess) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            channel.close();
            throw new HomeInUseException(home, holder.isEmpty() ? "unknown" : holder);
        }
        // The holder's pid, for the message another process shows when it is refused.
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new HomeLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
