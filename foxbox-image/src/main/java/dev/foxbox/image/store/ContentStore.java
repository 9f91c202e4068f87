package dev.foxbox.image.store;

import dev.foxbox.image.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Blobs addressed by their digest. The contract every implementation keeps:
 * <ul>
 *   <li>Content becomes visible under a digest only once it is complete and matches it; a crash
 *       mid-write leaves nothing visible ({@link BlobWriter}).</li>
 *   <li>Writes are idempotent: putting content that is already there is a no-op.</li>
 *   <li>Reads verify: a stream from {@link #open} fails at its end if the bytes on disk no
 *       longer match the digest.</li>
 *   <li>{@link #delete} of an absent blob returns false, never throws.</li>
 * </ul>
 */
public interface ContentStore {

    /** A writer for new content; call {@link BlobWriter#commit} to make it visible. */
    BlobWriter newWriter(Digest.Algorithm algorithm) throws IOException;

    /** A writer that hashes with sha256, the algorithm foxbox writes. */
    default BlobWriter newWriter() throws IOException {
        return newWriter(Digest.Algorithm.SHA256);
    }

    /** Streams {@code content} in; when {@code expected} is not null the content must match it. */
    default Digest put(InputStream content, Digest expected) throws IOException {
        try (BlobWriter writer = newWriter(expected == null ? Digest.Algorithm.SHA256 : expected.algorithm())) {
            content.transferTo(writer);
            return writer.commit(expected);
        }
    }

    default Digest put(byte[] content) throws IOException {
        try (BlobWriter writer = newWriter()) {
            writer.write(content);
            return writer.commit(null);
        }
    }

    /** The blob's bytes, verified against its digest as they are read. */
    InputStream open(Digest digest) throws IOException;

    /** A small blob, whole and verified; refused when larger than {@code limit}. */
    byte[] read(Digest digest, int limit) throws IOException;

    /** The blob's size, or empty when the store does not have it. */
    Optional<Long> stat(Digest digest) throws IOException;

    default boolean contains(Digest digest) throws IOException {
        return stat(digest).isPresent();
    }

    boolean delete(Digest digest) throws IOException;

    /** Every blob in the store, in no particular order. */
    List<Digest> list() throws IOException;
}
