package dev.foxbox.image.store;

import dev.foxbox.image.model.Digest;
import java.io.IOException;

/** Content did not hash to the digest it was supposed to have. */
public final class DigestMismatchException extends IOException {
    private final Digest expected;
    private final Digest actual;

    public DigestMismatchException(Digest expected, Digest actual) {
        super("content does not match its digest: expected " + expected + ", got " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    public DigestMismatchException(String message, Digest expected, Digest actual) {
        super(message);
        this.expected = expected;
        this.actual = actual;
    }

    public Digest expected() {
        return expected;
    }

    public Digest actual() {
        return actual;
    }
}
