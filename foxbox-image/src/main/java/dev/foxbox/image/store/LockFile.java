package dev.foxbox.image.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A shared/exclusive lock that holds across threads and processes.
 *
 * <p>POSIX record locks (what {@link FileChannel#lock} takes) belong to the whole process, so
 * two threads cannot tell them apart; a JVM-wide read-write lock per file orders the threads,
 * and the process takes the file lock once on behalf of all its shared holders.
 */
public final class LockFile {

    private static final ConcurrentHashMap<Path, LockFile> LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantReadWriteLock threads = new ReentrantReadWriteLock(true);
    private int sharedHolders;
    private FileChannel sharedChannel;
    private FileLock sharedLock;

    private LockFile(Path file) {
        this.file = file;
    }

    public static LockFile at(Path file) {
        // No lambda (computeIfAbsent(key, LockFile::new)) here or in the Held objects: a box start links none (BENCHMARKS.md, "Run").
        Path key = file.toAbsolutePath().normalize();
        LockFile lock = LOCKS.get(key);
        if (lock == null) {
            LockFile made = new LockFile(key);
            lock = LOCKS.putIfAbsent(key, made);
            return lock != null ? lock : made;
        }
        return lock;
    }

    /** A held lock; closing releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Blocks until no one holds the lock exclusively. */
    public Held shared() throws IOException {
        threads.readLock().lock();
        try {
            synchronized (this) {
                if (sharedHolders == 0) {
                    sharedChannel = open();
                    sharedLock = sharedChannel.lock(0, Long.MAX_VALUE, true);
                }
                sharedHolders++;
            }
        } catch (IOException | RuntimeException e) {
            threads.readLock().unlock();
            throw e;
        }
        return new Held() {
            @Override
            public void close() {
                releaseShared();
            }
        };
    }

    private void releaseShared() {
        synchronized (this) {
            if (--sharedHolders == 0) {
                closeQuietly(sharedLock, sharedChannel);
                sharedLock = null;
                sharedChannel = null;
            }
        }
        threads.readLock().unlock();
    }

    /** Blocks until no one else holds the lock, shared or exclusive. */
    public Held exclusive() throws IOException {
        threads.writeLock().lock();
        FileChannel channel = null;
        try {
            channel = open();
            FileLock lock = channel.lock();
            FileChannel held = channel;
            return new Held() {
                @Override
                public void close() {
                    closeQuietly(lock, held);
                    threads.writeLock().unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            closeQuietly(null, channel);
            threads.writeLock().unlock();
            throw e;
        }
    }

    private FileChannel open() throws IOException {
        Files.createDirectories(file.getParent());
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static void closeQuietly(FileLock lock, FileChannel channel) {
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release lock", e);
        }
    }
}
