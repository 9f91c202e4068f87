package dev.foxbox.image.store;

import java.io.Flushable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Puts a file that is still being written onto the disk in the background, so that the fsync at
 * its end has only the last part left to wait for.
 *
 * <p>A blob is fsynced before it is renamed into place. Left alone, the kernel writes a new file
 * out when it is fsynced (or after half a minute), so a pull would receive a whole layer and then
 * wait for all of it to reach the disk. Instead, every {@link #CHUNK} bytes the writer hands an
 * fsync of what it has written so far to a background thread, and goes on receiving while the
 * disk writes: a cold pull of 200 MB took about 40 ms less (bench/pull.sh; BENCHMARKS.md, "Pull").
 *
 * <p>Call order, from the one thread that writes the file: {@link #written} after each write,
 * {@link #finish} before the final fsync or before closing the file. A background fsync that
 * failed fails {@link #finish}: its error is reported only once, so it must not be lost here.
 */
final class WriteBehind {

    /** About 12 ms of this machine's disk: small enough to keep it busy, large enough to be cheap. */
    static final long CHUNK = 8L << 20;

    private final FileChannel channel;
    private final Flushable buffer;
    private final long chunk;
    private long unsynced;
    private Future<?> pending;

    /**
     * @param channel the file being written
     * @param buffer  what buffers writes to it, flushed before each background fsync
     */
    WriteBehind(FileChannel channel, Flushable buffer) {
        this(channel, buffer, CHUNK);
    }

    WriteBehind(FileChannel channel, Flushable buffer, long chunk) {
        this.channel = channel;
        this.buffer = buffer;
        this.chunk = chunk;
    }

    /** Counts {@code bytes} more written; starts a background fsync when a chunk has gathered. */
    void written(long bytes) throws IOException {
        unsynced += bytes;
        if (unsynced < chunk || (pending != null && !pending.isDone())) {
            return; // not enough yet, or the disk is still busy with the last chunk
        }
        finish();
        buffer.flush();
        unsynced = 0;
        pending = Syncer.THREAD.submit(this::sync);
    }

    private Void sync() throws IOException {
        channel.force(false);
        return null;
    }

    /** Waits for the background fsync, if one is running; throws what it failed with. */
    void finish() throws IOException {
        Future<?> running = pending;
        if (running == null) {
            return;
        }
        pending = null;
        try {
            running.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot write to the disk", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the disk");
        }
    }

    /** One thread for the whole process: the fsyncs queue for the same disk anyway. */
    private static final class Syncer {
        static final ExecutorService THREAD = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "foxbox-write-behind");
            t.setDaemon(true);
            return t;
        });
    }
}
