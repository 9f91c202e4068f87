package dev.foxbox.image.layer;

import java.io.IOException;

/** A libc call failed; {@link #errno()} lets callers tell "not permitted" from real failures. */
final class ErrnoException extends IOException {
    static final int EPERM = 1;
    static final int EACCES = 13;
    static final int ERANGE = 34;
    static final int ENODATA = 61;
    static final int EOPNOTSUPP = 95;

    private final int errno;

    ErrnoException(String call, String path, int errno, String description) {
        super(call + " " + path + ": " + description);
        this.errno = errno;
    }

    int errno() {
        return errno;
    }

    /** The error a caller may ignore when it only attempts something: not permitted or not supported. */
    boolean isNotPermittedOrSupported() {
        return errno == EPERM || errno == EACCES || errno == EOPNOTSUPP;
    }
}
