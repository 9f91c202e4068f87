package dev.foxbox.image.store;

import dev.foxbox.image.model.Digest;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An output stream into a content store that hashes what it is given. Nothing is visible
 * until {@link #commit}; {@link #close} without a commit throws the content away.
 */
public abstract class BlobWriter extends OutputStream {

    /**
     * Makes the content visible under its digest and returns that digest.
     *
     * @param expected the digest the content must have, or null to accept any; when it does not
     *                 match, nothing is stored and {@link DigestMismatchException} is thrown
     */
    public abstract Digest commit(Digest expected) throws IOException;

    /** Bytes written so far. */
    public abstract long size();
}
