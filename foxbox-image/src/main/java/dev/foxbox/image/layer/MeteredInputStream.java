package dev.foxbox.image.layer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * Counts the bytes read through it and, while a limit is set, refuses to read past it. The tar
 * reader sets a limit around each header read, which is where a hostile archive could make
 * commons-compress buffer an unbounded PAX record or GNU long name in memory.
 *
 * <p>{@link #skip} reads rather than skips, so that streams above it (a digest) see every byte.
 */
final class MeteredInputStream extends FilterInputStream {

    private final byte[] skipBuffer = new byte[8192];
    private long count;
    private long limit = Long.MAX_VALUE;
    private Supplier<? extends IOException> overLimit;

    MeteredInputStream(InputStream in) {
        super(in);
    }

    /** From now on, at most {@code bytes} more may be read; one more read attempt throws. */
    void limit(long bytes, Supplier<? extends IOException> error) {
        limit = count + bytes;
        overLimit = error;
    }

    void unlimit() {
        limit = Long.MAX_VALUE;
        overLimit = null;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        checkLimit();
        int b = in.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        checkLimit();
        int n = in.read(b, off, (int) Math.min(len, limit - count));
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        int read = n <= 0 ? 0 : read(skipBuffer, 0, (int) Math.min(n, skipBuffer.length));
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void checkLimit() throws IOException {
        if (count >= limit) {
            throw overLimit.get();
        }
    }
}
