package dev.foxbox.registry.endpoint;

import java.io.IOException;

/**
 * Where a blob's bytes go as they arrive: a store writer that hashes them. It only grows, so a
 * download that breaks resumes from {@link #written()}.
 */
public interface BlobSink {

    /** Bytes accepted so far. */
    long written();

    /** Accepts the next bytes; a failure here is the store's, not the network's. */
    void write(byte[] bytes, int offset, int length) throws IOException;
}
