package dev.foxbox.image.layer;

import java.io.IOException;

/**
 * A layer cannot be applied because of what it contains: a truncated archive, a corrupt
 * header, an entry below a regular file. The message names the layer and, where there is one,
 * the entry, e.g. {@code layer sha256:12ab…: entry "etc/x": archive is truncated}.
 */
public class InvalidLayerException extends IOException {
    public InvalidLayerException(String message) {
        super(message);
    }

    public InvalidLayerException(String message, Throwable cause) {
        super(message, cause);
    }
}
