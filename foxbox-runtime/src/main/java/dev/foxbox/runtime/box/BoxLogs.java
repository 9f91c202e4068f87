package dev.foxbox.runtime.box;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Reads a box's log (box.log.1 then box.log, CRI lines "time stream F|P text"), as
 * {@code foxbox logs} shows it: all of it or its last lines, from a time on, and, following,
 * what the box writes next until it exits.
 */
public final class BoxLogs {

    /** Whether the box still runs (following stops once it does not and the log is drained). */
    interface Running {
        boolean get() throws IOException;
    }

    /** One record: a whole line ({@code partial} false) or a part of one. */
    public record Line(Instant time, boolean stderr, boolean partial, byte[] text) {}

    private final Path log;
    private final Running running;

    BoxLogs(Path log, Running running) {
        this.log = log;
        this.running = running;
    }

    /**
     * @param tail   the last {@code tail} records, or all when negative
     * @param since  only records at or after this time, or null
     * @param follow keep reading what the box writes until it exits
     */
    public void read(int tail, Instant since, boolean follow, Consumer<Line> sink) throws IOException, InterruptedException {
        Deque<Line> last = new ArrayDeque<>();
        Consumer<Line> collect = line -> {
            if (since != null && line.time() != null && line.time().isBefore(since)) {
                return;
            }
            if (tail < 0) {
                sink.accept(line);
                return;
            }
            last.addLast(line);
            if (last.size() > tail) {
                last.removeFirst();
            }
        };
        Path rotated = log.resolveSibling(log.getFileName() + ".1");
        readWhole(rotated, collect);
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        FileChannel current = open(log);
        Object key = fileKey(log);
        long position = drain(current, 0, pending, collect);
        last.forEach(sink);
        if (!follow) {
            close(current);
            return;
        }
        for (;;) {
            boolean stillRunning = running.get();
            Object now = fileKey(log);
            if (current == null || now == null || !now.equals(key)) {
                // Rotated under us (or not there yet): the rest of the old file, then the new one.
                drain(current, position, pending, sink);
                close(current);
                current = open(log);
                key = fileKey(log);
                position = 0;
            }
            long before = position;
            position = drain(current, position, pending, sink);
            if (position == before) {
                if (!stillRunning) {
                    break;
                }
                Thread.sleep(100);
            }
        }
        close(current);
    }

    private static void readWhole(Path file, Consumer<Line> sink) throws IOException {
        FileChannel ch = open(file);
        if (ch != null) {
            drain(ch, 0, new ByteArrayOutputStream(), sink);
            close(ch);
        }
    }

    /** Reads from {@code position} to the end, passing on every complete record; returns the new position. */
    private static long drain(FileChannel ch, long position, ByteArrayOutputStream pending, Consumer<Line> sink) throws IOException {
        if (ch == null) {
            return position;
        }
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        for (int n; (n = ch.read(buf, position)) > 0; buf.clear()) {
            position += n;
            for (int i = 0; i < n; i++) {
                byte b = buf.get(i);
                if (b == '\n') {
                    Line line = parse(pending.toByteArray());
                    if (line != null) {
                        sink.accept(line);
                    }
                    pending.reset();
                } else {
                    pending.write(b);
                }
            }
        }
        return position;
    }

    /** "2026-11-28T23:55:01.123456789Z stdout F text": null for a line that is not a record. */
    static Line parse(byte[] record) {
        int first = indexOf(record, (byte) ' ', 0);
        int second = first < 0 ? -1 : indexOf(record, (byte) ' ', first + 1);
        int third = second < 0 ? -1 : indexOf(record, (byte) ' ', second + 1);
        if (third < 0 || third != second + 2) {
            return null;
        }
        Instant time;
        try {
            time = Instant.parse(new String(record, 0, first, StandardCharsets.US_ASCII));
        } catch (DateTimeParseException e) {
            time = null;
        }
        String stream = new String(record, first + 1, second - first - 1, StandardCharsets.US_ASCII);
        byte[] text = java.util.Arrays.copyOfRange(record, third + 1, record.length);
        return new Line(time, stream.equals("stderr"), record[second + 1] == 'P', text);
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static FileChannel open(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The file's identity (device and inode), to notice when it is replaced; null when it is missing. */
    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static void close(FileChannel ch) throws IOException {
        if (ch != null) {
            ch.close();
        }
    }
}
