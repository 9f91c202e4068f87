package dev.foxbox.image.layer;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * Hashes and counts what passes through to {@code out}. Closing it flushes but does not close
 * {@code out}, so that finishing a compressor leaves the caller's stream open.
 */
final class HashingOutputStream extends FilterOutputStream {

    private final MessageDigest digest;
    private long count;

    HashingOutputStream(OutputStream out, MessageDigest digest) {
        super(out);
        this.digest = digest;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        digest.update(b, off, len);
        count += len;
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    long count() {
        return count;
    }

    MessageDigest digest() {
        return digest;
    }
}
