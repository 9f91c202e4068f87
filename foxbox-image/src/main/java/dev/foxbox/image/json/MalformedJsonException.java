package dev.foxbox.image.json;

import java.io.IOException;

/** A manifest, index or config that is not what it says it is. */
public final class MalformedJsonException extends IOException {
    public MalformedJsonException(String message) {
        super(message);
    }
}
