package dev.foxbox.image.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.Flushable;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteBehindTest {

    @TempDir
    Path dir;

    /** Counts the flushes a WriteBehind asks of its buffer: one before each background fsync. */
    static final class CountingBuffer implements Flushable {
        int flushes;

        @Override
        public void flush() {
            flushes++;
        }
    }

    @Test
    void startsAnFsyncOncePerChunkAfterFlushingTheBuffer() throws Exception {
        try (FileChannel channel = FileChannel.open(dir.resolve("f"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            CountingBuffer buffer = new CountingBuffer();
            WriteBehind writeBehind = new WriteBehind(channel, buffer, 10);
            writeBehind.written(5);
            assertEquals(0, buffer.flushes);
            writeBehind.written(6);
            assertEquals(1, buffer.flushes);
            writeBehind.finish();
            writeBehind.written(9);
            assertEquals(1, buffer.flushes);
            writeBehind.written(1);
            assertEquals(2, buffer.flushes);
            writeBehind.finish();
        }
    }

    @Test
    void aFailedBackgroundFsyncFailsFinish() throws Exception {
        FileChannel channel = FileChannel.open(dir.resolve("f"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        channel.close(); // so that force fails
        WriteBehind writeBehind = new WriteBehind(channel, new CountingBuffer(), 10);
        writeBehind.written(10);
        assertThrows(ClosedChannelException.class, writeBehind::finish);
        writeBehind.finish(); // reported once; nothing is running now
    }
}
