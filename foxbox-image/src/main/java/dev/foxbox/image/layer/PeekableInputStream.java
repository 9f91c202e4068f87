package dev.foxbox.image.layer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A buffered stream that can show its next bytes without consuming them (to sniff magic
 * numbers) and whose {@link #available()} is honest: it returns 0 only at the end of the data.
 *
 * <p>The honest {@code available()} works around JDK-7036144: {@link java.util.zip.GZIPInputStream}
 * in JDK 17 decides whether another gzip member follows by asking {@code available()}, so on a
 * network or pipe stream that momentarily has nothing buffered it silently stops after the
 * first member of a multi-member layer. Blocking here until data or end-of-stream arrives
 * makes the answer exact.
 */
final class PeekableInputStream extends InputStream {

    private final InputStream in;
    private final byte[] buffer;
    private int position;
    private int end;
    private boolean eof;

    PeekableInputStream(InputStream in, int bufferSize) {
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    /** Up to {@code n} next bytes, fewer only at the end of the stream; nothing is consumed. */
    byte[] peek(int n) throws IOException {
        if (n > buffer.length) {
            throw new IllegalArgumentException("cannot peek " + n + " bytes with a " + buffer.length + " byte buffer");
        }
        if (end - position < n) {
            System.arraycopy(buffer, position, buffer, 0, end - position);
            end -= position;
            position = 0;
            while (end < n && !eof) {
                int got = in.read(buffer, end, buffer.length - end);
                if (got < 0) {
                    eof = true;
                } else {
                    end += got;
                }
            }
        }
        return Arrays.copyOfRange(buffer, position, position + Math.min(n, end - position));
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, end - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    /** Blocks until at least one byte is buffered; 0 means the stream has ended. */
    @Override
    public int available() throws IOException {
        return fill() ? end - position : 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean fill() throws IOException {
        while (position == end && !eof) {
            position = 0;
            end = 0;
            int got = in.read(buffer, 0, buffer.length);
            if (got < 0) {
                eof = true;
            } else {
                end = got;
            }
        }
        return position < end;
    }
}
