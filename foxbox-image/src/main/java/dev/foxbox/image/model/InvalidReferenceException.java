package dev.foxbox.image.model;

/** A string that was expected to name an image does not; the message says why. */
public final class InvalidReferenceException extends IllegalArgumentException {
    public InvalidReferenceException(String message) {
        super(message);
    }
}
