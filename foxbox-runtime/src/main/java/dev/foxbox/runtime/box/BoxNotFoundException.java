package dev.foxbox.runtime.box;

/** No box answers to a name or id. */
public final class BoxNotFoundException extends IllegalArgumentException {
    public BoxNotFoundException(String message) {
        super(message);
    }
}
