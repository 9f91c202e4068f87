package dev.foxbox.image.archive;

import java.io.IOException;

/** An image archive that foxbox refuses: malformed, incomplete, or hostile. The message says what and where. */
public final class InvalidArchiveException extends IOException {
    public InvalidArchiveException(String message) {
        super(message);
    }

    public InvalidArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
